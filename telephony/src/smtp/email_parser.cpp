// GMime-based email parsing; see email_parser.h.
#include "telephony/smtp/email_parser.h"

#include <gmime/gmime.h>

#include <cstring>
#include <memory>
#include <mutex>

#include "gobject_ptr.h"

namespace frontline::telephony {
namespace {

std::string stripBrackets(std::string s) {
  while (!s.empty() && (s.front() == '<' || s.front() == ' ')) s.erase(s.begin());
  while (!s.empty() && (s.back() == '>' || s.back() == ' ' || s.back() == '\r' || s.back() == '\n')) s.pop_back();
  return s;
}

std::size_t decodedSize(GMimePart* part) {
  GMimeDataWrapper* content = g_mime_part_get_content(part);
  if (!content) return 0;
  GPtr<GMimeStream> null(g_mime_stream_null_new());
  g_mime_data_wrapper_write_to_stream(content, null.get());
  return static_cast<std::size_t>(GMIME_STREAM_NULL(null.get())->written);
}

std::string decodedText(GMimePart* part) {
  if (!GMIME_IS_TEXT_PART(part)) return {};
  GString_ text(g_mime_text_part_get_text(GMIME_TEXT_PART(part)));
  return str(text.get());
}

}  // namespace

void initEmailParsing() {
  static std::once_flag once;  // GMime's global state is set up exactly once per process
  std::call_once(once, [] { g_mime_init(); });
}

void parseEmail(std::string_view raw, ReceivedEmail& email) {
  initEmailParsing();
  email.sizeBytes = raw.size();
  GPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(raw.data(), raw.size()));
  GPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
  GPtr<GMimeMessage> message(g_mime_parser_construct_message(parser.get(), nullptr));
  if (!message) return;

  if (InternetAddressList* from = g_mime_message_get_from(message.get());
      from && internet_address_list_length(from) > 0) {
    InternetAddress* first = internet_address_list_get_address(from, 0);
    email.fromName = str(internet_address_get_name(first));
    if (INTERNET_ADDRESS_IS_MAILBOX(first))
      email.fromAddress = str(internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(first)));
  }
  if (InternetAddressList* to = g_mime_message_get_addresses(message.get(), GMIME_ADDRESS_TYPE_TO)) {
    for (int i = 0; i < internet_address_list_length(to); ++i) {
      InternetAddress* a = internet_address_list_get_address(to, i);
      if (INTERNET_ADDRESS_IS_MAILBOX(a))
        email.to.push_back(str(internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a))));
    }
  }
  email.subject = str(g_mime_message_get_subject(message.get()));
  email.messageId = stripBrackets(str(g_mime_message_get_message_id(message.get())));
  if (const char* inReplyTo = g_mime_object_get_header(GMIME_OBJECT(message.get()), "In-Reply-To")) {
    GString_ decoded(g_mime_utils_decode_message_id(inReplyTo));
    email.inReplyTo = stripBrackets(str(decoded.get()));
  }
  if (const char* refs = g_mime_object_get_header(GMIME_OBJECT(message.get()), "References")) {
    if (GMimeReferences* list = g_mime_references_parse(nullptr, refs)) {
      for (int i = 0; i < g_mime_references_length(list); ++i)
        email.references.push_back(str(g_mime_references_get_message_id(list, i)));
      g_mime_references_free(list);
    }
  }

  // Walk every leaf part: the first non-attachment text/plain is the body; HTML is the
  // fallback; attachments are listed by name and decoded size.
  std::string plain;
  std::string html;
  GMimeObject* top = g_mime_message_get_mime_part(message.get());
  auto visit = [&](GMimeObject* object) {
    if (!GMIME_IS_PART(object)) return;
    GMimePart* part = GMIME_PART(object);
    GMimeContentType* type = g_mime_object_get_content_type(object);
    const bool isText = type && g_mime_content_type_is_type(type, "text", "*");
    if (g_mime_part_is_attachment(part) || !isText) {
      const char* name = g_mime_part_get_filename(part);
      if (!name && !isText) name = "(unnamed)";
      if (name) {
        GString_ mime(type ? g_mime_content_type_get_mime_type(type) : nullptr);
        email.attachments.push_back({name, str(mime.get()), decodedSize(part)});
      }
      return;
    }
    if (g_mime_content_type_is_type(type, "text", "plain") && plain.empty()) {
      plain = decodedText(part);
    } else if (g_mime_content_type_is_type(type, "text", "html") && html.empty()) {
      html = decodedText(part);
    }
  };
  if (top && GMIME_IS_MULTIPART(top)) {
    GMimePartIter* iter = g_mime_part_iter_new(top);
    do {
      if (GMimeObject* current = g_mime_part_iter_get_current(iter)) visit(current);
    } while (g_mime_part_iter_next(iter));
    g_mime_part_iter_free(iter);
  } else if (top) {
    visit(top);
  }
  auto rtrim = [](std::string& t) {
    while (!t.empty() && (t.back() == '\r' || t.back() == '\n' || t.back() == ' ' || t.back() == '\t')) t.pop_back();
  };
  rtrim(plain);
  if (!plain.empty()) {
    email.bodyText = std::move(plain);
  } else if (!html.empty()) {
    email.bodyText = htmlToText(html);
    email.bodyFromHtml = true;
  }
}

}  // namespace frontline::telephony
