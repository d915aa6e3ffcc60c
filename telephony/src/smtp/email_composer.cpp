// Outgoing mail composed by GMime; see smtp_client.h (formatEmail).
//
// GMime builds the message and folds its ASCII headers at white space. Text that is not
// ASCII is written as RFC 2047 encoded words by us: GMime 3.2 (Debian 12) encodes a run
// without spaces (Chinese has none) as one word and breaks its base64 across lines, which
// readers cannot decode. Ours are at most 75 characters each, hold whole UTF-8 characters,
// and stand one to a folded line, so every header line stays within 78 octets: a
// 120-character Chinese subject becomes eight short lines, not one line of 500 that relays
// truncate or reject.
#include <gmime/gmime.h>

#include <cctype>
#include <mutex>

#include "gobject_ptr.h"
#include "telephony/smtp/email_parser.h"
#include "telephony/smtp/smtp_client.h"

namespace frontline::telephony {
namespace {

constexpr std::size_t kMaxLine = 78;                                    // RFC 5322 2.1.1
constexpr std::string_view kWordStart = "=?UTF-8?B?", kWordEnd = "?=";  // RFC 2047 2

bool isAscii(std::string_view text) {
  for (unsigned char c : text) {
    if (c >= 0x80 || c < 0x20 || c == 0x7f) return false;
  }
  return true;
}

std::string base64(std::string_view bytes) {
  GString_ out(g_base64_encode(reinterpret_cast<const guchar*>(bytes.data()), bytes.size()));
  return str(out.get());
}

// Length in octets of the UTF-8 character that starts with `lead`.
std::size_t utf8Length(unsigned char lead) {
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC0) return 2;
  return 1;
}

// A character in a Q-encoded word (RFC 2047 4.2, 5(3)): safe ASCII as it is, a space as
// '_', anything else as =XX.
std::string qEncoded(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : bytes) {
    if (std::isalnum(c) || c == '!' || c == '*' || c == '+' || c == '-' || c == '/') {
      out += static_cast<char>(c);
    } else if (c == ' ') {
      out += '_';
    } else {
      out += {'=', kHex[c >> 4], kHex[c & 15]};
    }
  }
  return out;
}

// `text` as encoded words, each fitting on its own folded line (the first after "Name: ",
// the rest after one space) and within 75 characters, each holding whole characters.
// Words are base64 ("B") of a multiple of 3 octets where whole characters allow it, since
// GMime's reader (and so Evolution's, and ours) joins adjacent B words before decoding and
// stops at a padding '='; a stretch that cannot be cut so goes as a Q word instead.
std::string encodedWords(std::string_view name, std::string_view text) {
  constexpr std::size_t kMaxWord = 75;
  const std::size_t overhead = kWordStart.size() + kWordEnd.size();
  std::string value;
  std::size_t room = std::min(kMaxWord, kMaxLine - name.size() - 2);  // after "Name: "
  auto nextCharacter = [&](std::size_t at) {
    return std::min(text.size(), at + utf8Length(static_cast<unsigned char>(text[at])));
  };
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t maxBytes = (room - overhead) / 4 * 3;
    std::size_t end = at;
    std::size_t unpadded = at;
    while (end < text.size() && nextCharacter(end) - at <= maxBytes) {
      end = nextCharacter(end);
      if ((end - at) % 3 == 0) unpadded = end;
    }
    std::string word;
    if (end == text.size() || unpadded > at) {
      if (end < text.size()) end = unpadded;
      word = std::string(kWordStart) + base64(text.substr(at, end - at)) + std::string(kWordEnd);
    } else {
      std::string encoded;
      end = at;
      while (end < text.size()) {
        const std::size_t next = nextCharacter(end);
        std::string more = qEncoded(text.substr(end, next - end));
        if (end > at && encoded.size() + more.size() + overhead > room) break;
        encoded += more;
        end = next;
      }
      word = "=?UTF-8?Q?" + encoded + std::string(kWordEnd);
    }
    value += (value.empty() ? " " : "\n ") + word;
    at = end;
    room = std::min(kMaxWord, kMaxLine - 1);
  }
  return value + "\n";
}

// Replaces the written form of header `name` (already set through GMime) with `raw`.
void setRaw(GMimeMessage* message, const char* name, const std::string& raw) {
  GMimeHeader* header = g_mime_header_list_get_header(g_mime_object_get_header_list(GMIME_OBJECT(message)), name);
  if (header) g_mime_header_set_raw_value(header, raw.c_str());
}

// A mailbox whose display name is not ASCII: encoded words, then the address on a line of its own.
void setMailboxRaw(GMimeMessage* message, const char* header, const std::string& name, const std::string& address) {
  if (name.empty() || isAscii(name)) return;
  std::string raw = encodedWords(header, name);
  raw.pop_back();  // the newline: the address follows
  setRaw(message, header, raw + "\n <" + address + ">\n");
}

void addMailbox(GMimeMessage* message, GMimeAddressType type, const std::string& name, const std::string& address) {
  InternetAddress* mailbox = internet_address_mailbox_new(name.empty() ? nullptr : name.c_str(), address.c_str());
  internet_address_set_charset(mailbox, "utf-8");
  internet_address_list_add(g_mime_message_get_addresses(message, type), mailbox);
  g_object_unref(mailbox);
}

}  // namespace

std::string formatEmail(const OutgoingEmail& e) {
  initEmailParsing();  // g_mime_init, once per process
  GPtr<GMimeMessage> message(g_mime_message_new(TRUE));
  addMailbox(message.get(), GMIME_ADDRESS_TYPE_FROM, e.fromName, e.fromAddress);
  addMailbox(message.get(), GMIME_ADDRESS_TYPE_TO, e.toName, e.to);
  g_mime_message_set_subject(message.get(), e.subject.c_str(), "utf-8");
  g_mime_message_set_message_id(message.get(), e.messageId.c_str());
  {
    GDateTime* date = g_date_time_new_from_unix_utc(e.dateUs / 1'000'000);
    g_mime_message_set_date(message.get(), date);
    g_date_time_unref(date);
  }
  if (!e.inReplyTo.empty()) {
    g_mime_object_set_header(GMIME_OBJECT(message.get()), "In-Reply-To", ("<" + e.inReplyTo + ">").c_str(), nullptr);
  }
  if (!e.references.empty()) {
    std::string references;
    for (const auto& r : e.references) references += (references.empty() ? "<" : " <") + r + ">";
    g_mime_object_set_header(GMIME_OBJECT(message.get()), "References", references.c_str(), nullptr);
  }
  // The body: UTF-8 text, base64, so any language and any line length travel unchanged.
  GPtr<GMimeTextPart> body(g_mime_text_part_new_with_subtype("plain"));
  g_mime_text_part_set_text(body.get(), e.body.c_str());
  g_mime_text_part_set_charset(body.get(), "UTF-8");
  g_mime_part_set_content_encoding(GMIME_PART(body.get()), GMIME_CONTENT_ENCODING_BASE64);
  g_mime_message_set_mime_part(message.get(), GMIME_OBJECT(body.get()));

  if (!isAscii(e.subject)) setRaw(message.get(), "Subject", encodedWords("Subject", e.subject));
  setMailboxRaw(message.get(), "From", e.fromName, e.fromAddress);
  setMailboxRaw(message.get(), "To", e.toName, e.to);

  GMimeFormatOptions* options = g_mime_format_options_clone(g_mime_format_options_get_default());
  g_mime_format_options_set_newline_format(options, GMIME_NEWLINE_FORMAT_DOS);
  GString_ text(g_mime_object_to_string(GMIME_OBJECT(message.get()), options));
  g_mime_format_options_free(options);
  return str(text.get());
}

}  // namespace frontline::telephony
