// The font atlas in the GL driver with one channel instead of four. ImGui's OpenGL 3
// backend uploads the atlas as RGBA (white, with the glyphs in alpha): with every Chinese
// glyph that is a 4096x2048 texture of 32 MiB, kept in process memory by a software
// renderer (Mesa's llvmpipe under Xvfb, thin clients). The same texture as one 8-bit
// channel read through a swizzle (RGB = 1, A = the glyph) draws the same pixels with the
// same shader in 8 MiB.
#pragma once

namespace frontline::app {

// After the backend's first NewFrame (its texture exists) and before ClearTexData.
// Returns false, leaving the backend's texture in place, when the driver cannot swizzle.
bool useSingleChannelFontTexture();

}  // namespace frontline::app
