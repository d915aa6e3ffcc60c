// Finding a customer when the contact's address does not: by any word of the name (given
// name, surname, the Latin transcription; full-text index `customer_names`) or the start
// of the name as written (Chinese), phone number or email address (exact, normalised) or order number,
// and creating a customer from an unknown caller's address.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/address.h"
#include "store/database.h"

namespace frontline::store {

struct CustomerMatch {
  std::int64_t customerId = 0;
  std::string displayName;
  std::string sortName;
  std::string country;
  std::string matchedOn;  // "name", "phone +44...", "email ...", "order SO-..."
  std::string phone;      // the customer's first phone and email, to tell namesakes apart
  std::string email;
};

// At most `limit` customers matching `text`; an address or order number first, then names.
std::vector<CustomerMatch> searchCustomers(Database& db, const std::string& text, const std::string& defaultRegion,
                                           int limit = 20);

// A new customer with one address; returns the new id. Runs in the caller's transaction.
std::int64_t createCustomer(Database& db, const std::string& displayName, const ContactAddress& address,
                            std::int64_t nowUs, const std::string& country = "");

}  // namespace frontline::store
