// Reading CSV files (RFC 4180: comma-separated, double-quoted fields with "" for a quote,
// line breaks inside quotes) with the line each record starts on, for error messages that
// name the file, line and column. The text must be UTF-8 (a BOM is skipped).
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

namespace frontline::sync {

class CsvError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct CsvRecord {
  std::size_t line = 0;  // 1-based line of the record's first character
  std::vector<std::string> fields;
};

// The records of `text`; throws CsvError("NAME:LINE: ...") for an unterminated quote or
// bytes that are not UTF-8.
std::vector<CsvRecord> parseCsv(const std::string& text, const std::string& name);
// Reads the file and parses it; "NAME: cannot read" when it cannot be opened.
std::vector<CsvRecord> readCsvFile(const std::string& path);

}  // namespace frontline::sync
