// Complaint service levels; see sla.h.
#include "store/sla.h"

namespace frontline::store {
namespace {

SlaPolicy readPolicy(const Statement& s) {
  return {s.text(0), s.int64(1), s.int64(2), s.real(3)};
}

}  // namespace

std::vector<SlaPolicy> loadSlaPolicies(Database& db) {
  std::vector<SlaPolicy> policies;
  Statement& s = db.cached(
      "SELECT priority, first_response_us, resolution_us, at_risk_fraction FROM sla_policies "
      "ORDER BY resolution_us, priority");
  while (s.step()) policies.push_back(readPolicy(s));
  return policies;
}

std::optional<SlaPolicy> loadSlaPolicy(Database& db, const std::string& priority) {
  Statement& s = db.cached(
      "SELECT priority, first_response_us, resolution_us, at_risk_fraction FROM sla_policies WHERE priority = ?");
  s.bind(1, priority);
  std::optional<SlaPolicy> policy;
  if (s.step()) policy = readPolicy(s);
  s.reset();
  return policy;
}

std::string_view slaStateName(SlaState state) {
  switch (state) {
    case SlaState::OnTrack:
      return "on track";
    case SlaState::AtRisk:
      return "at risk";
    case SlaState::Breached:
      return "breached";
    case SlaState::Met:
      return "met";
    case SlaState::Missed:
      return "missed";
  }
  return "?";
}

SlaState slaState(std::int64_t startUs, std::int64_t dueUs, double atRiskFraction, std::int64_t nowUs,
                  std::optional<std::int64_t> doneUs) {
  if (doneUs) return *doneUs <= dueUs ? SlaState::Met : SlaState::Missed;
  if (nowUs > dueUs) return SlaState::Breached;
  const double budget = static_cast<double>(dueUs - startUs);
  const double used = static_cast<double>(nowUs - startUs);
  return budget > 0 && used >= atRiskFraction * budget ? SlaState::AtRisk : SlaState::OnTrack;
}

}  // namespace frontline::store
