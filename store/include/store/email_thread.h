// Email conversations: the messages of one interaction in order (the customer's and the
// agent's replies), and the email contacts still waiting for an agent.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/database.h"
#include "store/projections.h"

namespace frontline::store {

// Every message of the interaction, oldest first.
std::vector<EmailMessageRow> loadEmailThread(Database& db, const std::string& interactionId);

// Email contacts nobody has opened yet (status offered), oldest first.
std::vector<InteractionRow> loadWaitingEmails(Database& db, int limit = 500);

}  // namespace frontline::store
