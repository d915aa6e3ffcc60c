// Masking personal data; see masking.h.
#include "replay/masking.h"

#include <algorithm>
#include <cctype>

namespace frontline::replay {
namespace {

bool isDigit(char c) {
  return c >= '0' && c <= '9';
}
bool isAsciiAlnum(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0;
}
bool isSeparator(char c) {
  return c == ' ' || c == '-' || c == '.' || c == '/' || c == '(' || c == ')';
}
bool isEmailLocal(char c) {
  return isAsciiAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}
bool isEmailDomain(char c) {
  return isAsciiAlnum(c) || c == '.' || c == '-';
}
bool isUpper(char c) {
  return c >= 'A' && c <= 'Z';
}
std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}
// A byte that continues a word (ASCII letters and digits; any byte of a non-ASCII
// character counts as a letter only for Latin text: CJK names match without boundaries).
bool wordByte(char c) {
  return isAsciiAlnum(c) || (static_cast<unsigned char>(c) >= 0x80 && static_cast<unsigned char>(c) < 0xE0);
}

// Email addresses -> "[email]".
std::string maskEmails(std::string_view in) {
  std::string out;
  std::size_t i = 0;
  while (i < in.size()) {
    const std::size_t at = in.find('@', i);
    if (at == std::string_view::npos) break;
    std::size_t start = at;
    while (start > i && isEmailLocal(in[start - 1])) --start;
    std::size_t end = at + 1;
    while (end < in.size() && isEmailDomain(in[end])) ++end;
    while (end > at + 1 && (in[end - 1] == '.' || in[end - 1] == '-')) --end;  // a sentence's full stop
    const std::string_view domain = in.substr(at + 1, end - at - 1);
    const std::size_t dot = domain.rfind('.');
    if (start < at && dot != std::string_view::npos && dot > 0 && domain.size() - dot > 2) {
      out.append(in.substr(i, start - i));
      out += "[email]";
      i = end;
    } else {
      out.append(in.substr(i, at + 1 - i));
      i = at + 1;
    }
  }
  out.append(in.substr(i));
  return out;
}

// YYYY-MM-DD exactly.
bool isIsoDate(std::string_view run) {
  return run.size() == 10 && run[4] == '-' && run[7] == '-' &&
         std::all_of(run.begin(), run.end(), [](char c) { return isDigit(c) || c == '-'; });
}

// Phone numbers and digit runs -> digits replaced by '#'.
std::string maskDigits(std::string_view in) {
  std::string out(in);
  std::size_t i = 0;
  while (i < in.size()) {
    const bool opens = isDigit(in[i]) || ((in[i] == '+' || in[i] == '(') && i + 1 < in.size() &&
                                          (isDigit(in[i + 1]) || in[i + 1] == '('));
    if (!opens || (i > 0 && isAsciiAlnum(in[i - 1]) && !isDigit(in[i]))) {
      ++i;
      continue;
    }
    std::size_t end = i + 1;
    std::size_t lastDigit = isDigit(in[i]) ? i : std::string_view::npos;
    int digits = isDigit(in[i]) ? 1 : 0;
    int gap = 0;  // separators since the last digit
    for (; end < in.size(); ++end) {
      const char c = in[end];
      if (isDigit(c)) {
        ++digits;
        lastDigit = end;
        gap = 0;
      } else if (isSeparator(c) && gap < 2) {
        ++gap;
      } else {
        break;
      }
    }
    if (lastDigit == std::string_view::npos) {
      i = end;
      continue;
    }
    const std::string_view run = in.substr(i, lastDigit + 1 - i);
    const bool plain = std::all_of(run.begin(), run.end(), isDigit);
    const bool standalone =
        (i == 0 || !isAsciiAlnum(in[i - 1])) && (lastDigit + 1 == in.size() || !isAsciiAlnum(in[lastDigit + 1]));
    const bool mask = (digits >= 7 && !isIsoDate(run)) || (plain && standalone && digits >= 5);
    if (mask) {
      for (std::size_t k = i; k <= lastDigit; ++k) {
        if (isDigit(out[k])) out[k] = '#';
      }
    }
    i = lastDigit + 1;
  }
  return out;
}

// UK-style postcodes: A9 9AA, A99 9AA, AA9 9AA, AA99 9AA, A9A 9AA, AA9A 9AA.
std::string maskPostcodes(std::string_view in) {
  std::string out;
  std::size_t i = 0;
  auto matchAt = [&](std::size_t p) -> std::size_t {
    if (p > 0 && isAsciiAlnum(in[p - 1])) return 0;
    std::size_t q = p;
    int letters = 0;
    while (q < in.size() && isUpper(in[q]) && letters < 2) ++q, ++letters;
    if (letters == 0 || q >= in.size() || !isDigit(in[q])) return 0;
    ++q;
    if (q < in.size() && (isDigit(in[q]) || isUpper(in[q])) && q + 1 < in.size() && in[q + 1] == ' ') ++q;
    if (q >= in.size() || in[q] != ' ') return 0;
    ++q;
    if (q + 3 > in.size() || !isDigit(in[q]) || !isUpper(in[q + 1]) || !isUpper(in[q + 2])) return 0;
    q += 3;
    if (q < in.size() && isAsciiAlnum(in[q])) return 0;
    return q - p;
  };
  while (i < in.size()) {
    const std::size_t len = isUpper(in[i]) ? matchAt(i) : 0;
    if (len) {
      out += "[postcode]";
      i += len;
    } else {
      out += in[i++];
    }
  }
  return out;
}

}  // namespace

std::string Masker::addPerson(const std::string& name, const std::vector<std::string>& otherNames) {
  std::vector<std::string> spellings;
  auto addSpelling = [&](const std::string& s) {
    if (s.size() >= 2 && std::find(spellings.begin(), spellings.end(), s) == spellings.end()) spellings.push_back(s);
  };
  auto addWithWords = [&](const std::string& full) {
    addSpelling(full);
    std::string word;
    for (char c : full + " ") {
      if (c == ' ' || c == ',') {
        // A word of a Latin name (2+ letters) hides on its own too ("Ann" of "Ann Smith").
        if (word.size() >= 2 &&
            std::all_of(word.begin(), word.end(), [](char w) { return isAsciiAlnum(w) || w == '-' || w == '\''; }))
          addSpelling(word);
        word.clear();
      } else {
        word += c;
      }
    }
  };
  addWithWords(name);
  for (const auto& other : otherNames) addWithWords(other);
  if (spellings.empty()) return "Customer ?";
  for (const auto& p : m_people) {
    for (const auto& s : spellings) {
      if (std::find(p.spellings.begin(), p.spellings.end(), s) != p.spellings.end() && s == spellings.front())
        return p.alias;
    }
  }
  const std::size_t n = m_people.size();
  std::string alias = "Customer ";
  if (n < 26) {
    alias += static_cast<char>('A' + n);
  } else {
    alias += std::to_string(n + 1);
  }
  m_people.push_back({alias, spellings});
  for (const auto& s : spellings) m_spellings.emplace_back(lower(s), alias);
  std::stable_sort(m_spellings.begin(), m_spellings.end(),
                   [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  return alias;
}

std::string Masker::name(std::string_view in) const {
  if (in.empty()) return {};
  const std::string key = lower(in);
  for (const auto& [spelling, alias] : m_spellings) {
    if (spelling == key) return alias;
  }
  return "Customer ?";
}

std::string Masker::text(std::string_view raw) const {
  // Emails first (a name or digits may be part of one), then names, digits and postcodes.
  const std::string in = maskEmails(raw);
  std::string named;
  const std::string low = lower(in);
  std::size_t i = 0;
  while (i < in.size()) {
    bool replaced = false;
    for (const auto& [spelling, alias] : m_spellings) {
      if (low.compare(i, spelling.size(), spelling) != 0) continue;
      const bool latin = static_cast<unsigned char>(spelling.front()) < 0x80;
      const std::size_t end = i + spelling.size();
      if (latin && ((i > 0 && wordByte(in[i - 1])) || (end < in.size() && wordByte(in[end])))) continue;
      named += alias;
      i = end;
      replaced = true;
      break;
    }
    if (!replaced) named += in[i++];
  }
  return maskPostcodes(maskDigits(named));
}

void Masker::mask(store::CustomerView& v) const {
  v.profile.displayName = name(v.profile.displayName);
  v.profile.sortName = v.profile.displayName;
  v.profile.notes = text(v.profile.notes);
  for (auto& a : v.addresses) a.address.value = address(a.address.value);
  for (auto& h : v.history) {
    h.subject = text(h.subject);
    h.note = text(h.note);
  }
  for (auto* list : {&v.openComplaints, &v.resolvedComplaints}) {
    for (auto& c : *list) c.summary = text(c.summary);
  }
}

void Masker::mask(desk::ContactPop& pop) const {
  pop.callerAddress = address(pop.callerAddress);
  pop.callerName = name(pop.callerName);
  pop.subject = text(pop.subject);
  pop.note = text(pop.note);
  for (auto& m : pop.thread) {
    m.fromAddress = address(m.fromAddress);
    m.fromName = name(m.fromName);
    m.subject = text(m.subject);
    m.bodyText = text(m.bodyText);
    m.inReplyTo = text(m.inReplyTo);
    m.messageId = text(m.messageId);
    m.attachmentsJson = text(m.attachmentsJson);
  }
  for (auto& line : pop.transcript) line.text = text(line.text);  // a card number read out
  if (pop.view) mask(*pop.view);
}

void Masker::maskPayload(nlohmann::json& payload) const {
  if (payload.is_object()) {
    for (auto& [key, value] : payload.items()) {
      if (value.is_string() && (key == "display_name" || key == "from_name" || key == "name")) {
        value = name(value.get<std::string>());
      } else if (value.is_string() && (key == "path" || key == "sha256")) {
        // A recording's file name and checksum are the console's own (a date, a time, an
        // RTP SSRC), never the customer's: kept, so the replay finds the recording.
      } else {
        maskPayload(value);
      }
    }
  } else if (payload.is_array()) {
    for (auto& value : payload) maskPayload(value);
  } else if (payload.is_string()) {
    payload = text(payload.get<std::string>());
  }
}

}  // namespace frontline::replay
