// The revenue columns of a customer's purchase history, one SQL text for the screen pop
// (customer_view.cpp) and the supervisor's value panel (customer_values.cpp): placed,
// shipped and delivered orders `o`, converted by exchange rate `r` to the reporting
// currency; ?2 is a year before now, ?3 two years before. Store-internal.
#pragma once

namespace frontline::store::sql {

inline constexpr const char* kRevenueColumns =
    "CAST(COALESCE(SUM(o.total_minor * COALESCE(r.to_reporting, 1.0)), 0) AS INTEGER), "
    "CAST(COALESCE(SUM(CASE WHEN o.ordered_us >= ?2 THEN o.total_minor * COALESCE(r.to_reporting, 1.0) END), 0) "
    "     AS INTEGER), "
    "CAST(COALESCE(SUM(CASE WHEN o.ordered_us >= ?3 AND o.ordered_us < ?2 "
    "     THEN o.total_minor * COALESCE(r.to_reporting, 1.0) END), 0) AS INTEGER), "
    "MAX(o.ordered_us) ";

}  // namespace frontline::store::sql
