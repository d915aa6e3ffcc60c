// The outbox: replies waiting for the SMTP relay, kept in the local store (table outbox,
// schema 9) so that none is lost to a relay that is down or to a restart. A reply is added
// in the transaction that records it; the desk hands every due one to the relay and
// records the outcome: accepted ('sent'), refused for good with a 5xx or out of time after
// a day ('failed': the agent must act), or anything else (a relay that cannot be reached,
// a 4xx) tried again later, each wait twice the last, from smtp.relay_retry_s (30 s) up to
// 30 min.
//
// Thread: the desk's (its connection).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "desk/desk_snapshot.h"
#include "store/database.h"
#include "telephony/smtp/smtp_client.h"

namespace frontline::desk {

class Outbox {
 public:
  static constexpr std::int64_t kFirstRetryUs = 30'000'000;  // the default of smtp.relay_retry_s
  static constexpr std::int64_t kLongestRetryUs = 30 * 60'000'000LL;
  static constexpr std::int64_t kGiveUpAfterUs = 24 * 3600'000'000LL;

  explicit Outbox(store::Database& db, std::int64_t firstRetryUs = kFirstRetryUs)
      : m_db(db), m_firstRetryUs(firstRetryUs) {}

  // In the caller's transaction: `email` is due at once.
  void add(const telephony::OutgoingEmail& email, const std::string& interactionId, std::int64_t nowUs);
  // After a restart: what was being handed over when the console stopped is due again
  // (the relay may have it already; the same Message-ID lets the recipient's mail program
  // show it once).
  void recover();
  // Every waiting reply due at `nowUs`, marked as being sent.
  std::vector<telephony::OutgoingEmail> takeDue(std::int64_t nowUs);
  // The relay's answer for one reply.
  void settle(const std::string& messageId, const telephony::SendResult& result, std::int64_t nowUs);
  // Waiting and failed counts, the next try and the last error.
  OutboxStatus status();

  // The wait before try number `attempts + 1`: `firstUs`, twice that, ..., at most 30 min.
  static std::int64_t retryAfterUs(int attempts, std::int64_t firstUs = kFirstRetryUs);

 private:
  store::Database& m_db;
  std::int64_t m_firstRetryUs;
};

}  // namespace frontline::desk
