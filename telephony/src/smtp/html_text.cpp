// HTML mail reduced to text with libxml2's HTML parser; see email_parser.h (htmlToText).
//
// libxml2 parses the way a browser forgives (unclosed tags, stray '<', every named and
// numeric entity of HTML 4), never touches the network, and keeps quiet about errors: mail
// HTML is nearly always invalid. The tree is walked without recursion, so deeply nested
// tags from an untrusted sender cannot exhaust the stack (libxml2 itself stops nesting at
// 256 levels: text deeper than that is lost from the body text; the store does not keep
// the raw message).
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "telephony/smtp/email_parser.h"

namespace frontline::telephony {
namespace {

struct DocFree {
  void operator()(htmlDocPtr doc) const { xmlFreeDoc(doc); }
};

bool isOneOf(const xmlNode* node, std::initializer_list<const char*> names) {
  for (const char* n : names) {
    if (xmlStrcasecmp(node->name, reinterpret_cast<const xmlChar*>(n)) == 0) return true;
  }
  return false;
}

// Elements whose content is not text a reader sees.
bool hidden(const xmlNode* node) {
  return isOneOf(node, {"head", "script", "style", "title", "template", "noscript"});
}

// Elements that end a line of text (before and after them).
bool block(const xmlNode* node) {
  return isOneOf(node,
                 {"br", "p",  "div",        "tr",  "li", "h1", "h2", "h3",      "h4",      "h5",     "h6",    "table",
                  "ul", "ol", "blockquote", "pre", "hr", "dd", "dt", "section", "article", "header", "footer"});
}

class TextOut {
 public:
  void text(std::string_view s) {
    for (std::size_t i = 0; i < s.size(); ++i) {
      const unsigned char c = static_cast<unsigned char>(s[i]);
      // U+00A0 (what &nbsp; becomes) counts as a space, like ASCII white space.
      const bool nbsp = c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0;
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || nbsp) {
        if (nbsp) ++i;
        if (!m_out.empty() && m_out.back() != ' ' && m_out.back() != '\n') m_out.push_back(' ');
        continue;
      }
      m_out.push_back(static_cast<char>(c));
    }
  }
  void newline() {
    while (!m_out.empty() && m_out.back() == ' ') m_out.pop_back();
    if (!m_out.empty() && m_out.back() != '\n') m_out.push_back('\n');
  }
  std::string finish() {
    while (!m_out.empty() && (m_out.back() == ' ' || m_out.back() == '\n')) m_out.pop_back();
    return std::move(m_out);
  }

 private:
  std::string m_out;
};

}  // namespace

std::string htmlToText(std::string_view html) {
  static std::once_flag once;  // libxml2's global tables, set up before any thread parses
  std::call_once(once, [] { xmlInitParser(); });
  if (html.empty()) return {};
  const int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET;
  // The text came from GMime, already converted to UTF-8; a <meta charset> in it must not
  // make libxml2 convert it again.
  std::unique_ptr<xmlDoc, DocFree> doc(htmlReadMemory(html.data(),
                                                      static_cast<int>(std::min<std::size_t>(html.size(), INT32_MAX)),
                                                      nullptr, "UTF-8", options | HTML_PARSE_IGNORE_ENC));
  if (!doc) return {};
  TextOut out;
  const xmlNode* const root = xmlDocGetRootElement(doc.get());
  const xmlNode* node = root;
  while (node) {
    // Entering: text is written; a visible element opens its line and is walked into.
    if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
      if (node->content) out.text(reinterpret_cast<const char*>(node->content));
    } else if (node->type == XML_ELEMENT_NODE && !hidden(node)) {
      if (block(node)) out.newline();
      if (node->children) {
        node = node->children;
        continue;
      }
    }
    // Leaving: every finished element closes its line, up to the next sibling.
    for (;;) {
      if (node->type == XML_ELEMENT_NODE && !hidden(node) && block(node)) out.newline();
      if (node->type == XML_ELEMENT_NODE && isOneOf(node, {"td", "th"})) out.text(" ");  // cells of a row
      if (node == root) {
        node = nullptr;
        break;
      }
      if (node->next) {
        node = node->next;
        break;
      }
      node = node->parent;
    }
  }
  return out.finish();
}

}  // namespace frontline::telephony
