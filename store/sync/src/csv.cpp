// CSV reading; see csv.h.
#include "sync/csv.h"

#include <fstream>
#include <sstream>

namespace frontline::sync {
namespace {

// The length of the UTF-8 sequence starting at `i`, or 0 when it is not valid UTF-8.
std::size_t utf8Length(const std::string& s, std::size_t i) {
  const auto b = static_cast<unsigned char>(s[i]);
  std::size_t n = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return 0;
  }
  if (n == 2 && b < 0xC2) return 0;  // overlong
  return n;
}

}  // namespace

std::vector<CsvRecord> parseCsv(const std::string& text, const std::string& name) {
  std::vector<CsvRecord> records;
  std::size_t i = text.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
  std::size_t line = 1;
  CsvRecord record{line, {}};
  std::string fieldText;
  bool quoted = false;
  bool fieldStarted = false;
  std::size_t quoteLine = 0;
  auto endField = [&] {
    record.fields.push_back(std::move(fieldText));
    fieldText.clear();
    fieldStarted = false;
  };
  auto endRecord = [&] {
    endField();
    if (!(record.fields.size() == 1 && record.fields[0].empty())) records.push_back(std::move(record));
    record = CsvRecord{line, {}};
  };
  while (i < text.size()) {
    const std::size_t n = utf8Length(text, i);
    if (n == 0) {
      throw CsvError(name + ":" + std::to_string(line) + ": not UTF-8 (byte 0x" + [&] {
        char hex[3];
        std::snprintf(hex, sizeof hex, "%02X", static_cast<unsigned char>(text[i]));
        return std::string(hex);
      }() + "); save the file as UTF-8");
    }
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          fieldText += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (c == '\n') ++line;
        fieldText.append(text, i, n);
      }
      i += n;
      continue;
    }
    if (c == '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
      quoteLine = line;
    } else if (c == ',') {
      endField();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      ++line;
      endRecord();
    } else {
      fieldText.append(text, i, n);
      fieldStarted = true;
    }
    i += n;
  }
  if (quoted) throw CsvError(name + ":" + std::to_string(quoteLine) + ": a quoted field is never closed");
  if (fieldStarted || !record.fields.empty() || !fieldText.empty()) endRecord();
  return records;
}

std::vector<CsvRecord> readCsvFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw CsvError(path + ": cannot read");
  std::ostringstream text;
  text << in.rdbuf();
  return parseCsv(text.str(), path);
}

}  // namespace frontline::sync
