// The one-channel font texture; see font_texture.h.
#include "app/font_texture.h"

#include <GL/gl.h>
#include <GL/glext.h>
#include <imgui.h>

#include <cstdint>

namespace frontline::app {

bool useSingleChannelFontTexture() {
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  unsigned char* pixels = nullptr;
  int width = 0;
  int height = 0;
  atlas->GetTexDataAsAlpha8(&pixels, &width, &height);
  if (!pixels) return false;
  while (glGetError() != GL_NO_ERROR) {
  }
  GLint bound = 0;
  glGetIntegerv(GL_TEXTURE_BINDING_2D, &bound);
  GLuint texture = 0;
  glGenTextures(1, &texture);
  glBindTexture(GL_TEXTURE_2D, texture);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  const GLint swizzle[] = {GL_ONE, GL_ONE, GL_ONE, GL_RED};
  glTexParameteriv(GL_TEXTURE_2D, GL_TEXTURE_SWIZZLE_RGBA, swizzle);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, width, height, 0, GL_RED, GL_UNSIGNED_BYTE, pixels);
  const bool ok = glGetError() == GL_NO_ERROR;
  if (!ok) {
    glDeleteTextures(1, &texture);
    glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(bound));
    return false;
  }
  // The backend's RGBA texture goes; it deletes its (former) name again at shutdown,
  // which GL ignores or which then names this one: either way nothing is left behind.
  const auto previous = static_cast<GLuint>(reinterpret_cast<std::intptr_t>(atlas->TexID));
  if (previous) glDeleteTextures(1, &previous);
  atlas->SetTexID(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(texture)));
  glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(bound) == previous ? texture : static_cast<GLuint>(bound));
  return true;
}

}  // namespace frontline::app
