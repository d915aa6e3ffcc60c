// Owning pointers for GMime's GObjects and g_malloc'ed strings (the parser and the composer).
#pragma once

#include <glib-object.h>

#include <memory>
#include <string>

namespace frontline::telephony {

struct GObjectUnref {
  void operator()(gpointer p) const {
    if (p) g_object_unref(p);
  }
};
template <typename T>
using GPtr = std::unique_ptr<T, GObjectUnref>;

struct GFree {
  void operator()(gpointer p) const { g_free(p); }
};
using GString_ = std::unique_ptr<char, GFree>;

inline std::string str(const char* s) {
  return s ? std::string(s) : std::string();
}

}  // namespace frontline::telephony
