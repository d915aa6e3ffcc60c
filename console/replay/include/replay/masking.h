// Masking personal data in a replay: one function for whatever is drawn or exported.
//
// - Customer names (and the names a network or a sender gave) become "Customer A",
//   "Customer B", ... in the order they were registered, wherever they appear: as a field,
//   or written in a note, a subject or an email body (whole words; a Chinese name as
//   written).
// - Email addresses become "[email]".
// - Phone numbers in any written form ("+44 20 7946 0958", "(020) 7946-0958",
//   "0049.30.1234567") and long digit runs (card and account numbers: 7 digits or more,
//   spaces, dashes, dots, slashes and brackets between them) keep their shape with every
//   digit replaced by '#'; standalone runs of 5 or 6 digits (postcodes, short account
//   numbers) too. Dates written 2026-12-01 stay.
// - UK-style postcodes ("SW1A 1AA") become "[postcode]".
// Masked text stays UTF-8 (nothing is cut inside a character).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "desk/desk_snapshot.h"
#include "store/customer_view.h"

namespace frontline::replay {

class Masker {
 public:
  // Registers a person whose name must not show; `otherNames` are further spellings
  // (a sort name "Smith, Ann", a transcription). Returns their alias. A name registered
  // twice keeps its first alias.
  std::string addPerson(const std::string& name, const std::vector<std::string>& otherNames = {});

  // Free text: every rule above.
  std::string text(std::string_view in) const;
  // A name field: the person's alias; a name never registered becomes "Customer ?".
  std::string name(std::string_view in) const;
  // An address field (phone, email, "anonymous"): masked as in text.
  std::string address(std::string_view in) const { return text(in); }

  // Whole structures, in place.
  void mask(store::CustomerView& view) const;
  void mask(desk::ContactPop& pop) const;
  // An event payload: names by key (display_name, from_name, name), every other string as text.
  void maskPayload(nlohmann::json& payload) const;

 private:
  struct Person {
    std::string alias;
    std::vector<std::string> spellings;  // longest first when matching
  };
  std::vector<Person> m_people;
  std::vector<std::pair<std::string, std::string>> m_spellings;  // spelling -> alias, longest first
};

}  // namespace frontline::replay
