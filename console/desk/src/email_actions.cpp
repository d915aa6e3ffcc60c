// The agent's handling of an email: take it from the queue, reply (recorded as the first
// response, then relayed when a relay is configured) or close it without a reply.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>

#include "desk_worker.h"
#include "store/address.h"
#include "store/email_thread.h"

namespace frontline::desk {
namespace {

using Json = nlohmann::json;

std::string replySubject(const std::string& subject) {
  const bool alreadyRe = subject.size() >= 3 && std::tolower(static_cast<unsigned char>(subject[0])) == 'r' &&
                         std::tolower(static_cast<unsigned char>(subject[1])) == 'e' && subject[2] == ':';
  return alreadyRe ? subject : "Re: " + subject;
}

}  // namespace

void Desk::Worker::handle(const TakeEmail& c, DeskSnapshot& next) {
  const auto row = interaction(c.interactionId);
  if (row.channel != "email") throw store::StoreError("that contact is not an email");
  if (row.status != "offered") throw store::StoreError("that email is " + row.status + ", not waiting");
  if (!offeredCalls(next.agent)) {
    throw store::StoreError("taking an email needs an available agent (now " +
                            std::string(displayName(next.agent.state)) + ")");
  }
  append(c.interactionId, store::EventKind::Answered, "{}");
  moveAgent(AgentState::OnContact, "", next);
  next.pop = buildPop(interaction(c.interactionId));
  refreshPop(next);
  dropFromQueue(c.interactionId, next);
}

void Desk::Worker::handle(const SendReply& c, DeskSnapshot& next) {
  const ContactPop& pop = contactInHand(next);
  if (pop.interactionId != c.interactionId || pop.channel != Channel::Email) {
    throw store::StoreError("a reply goes to the email in hand");
  }
  if (pop.status != ContactStatus::Connected)
    throw store::StoreError("the email is " + std::string(toString(pop.status)) + "; it was already answered");
  if (c.body.find_first_not_of(" \t\r\n") == std::string::npos) throw store::StoreError("the reply is empty");
  const auto to = store::normaliseEmail(pop.callerAddress);
  if (!to) throw store::StoreError("the sender's address " + pop.callerAddress + " cannot be replied to");

  telephony::OutgoingEmail reply;
  const std::string& from = options().replyFrom;
  const auto at = from.find('@');
  reply.messageId =
      m_ids.next() + "@" + (at == std::string::npos ? std::string("frontline.local") : from.substr(at + 1));
  reply.fromAddress = from;
  reply.fromName = options().replyFromName;
  reply.to = *to;
  reply.toName = pop.view ? pop.view->profile.displayName : pop.callerName;
  reply.subject = replySubject(pop.subject);
  reply.body = c.body;
  reply.dateUs = now();
  for (const auto& m : pop.thread) {
    reply.references.push_back(m.messageId);
    if (m.direction == "in") reply.inReplyTo = m.messageId;
  }
  auto* sender = m_desk.m_mailSender.load();
  const Json payload = {{"message_id", reply.messageId},  {"from", reply.fromAddress},
                        {"from_name", reply.fromName},    {"to", reply.to},
                        {"subject", reply.subject},       {"body", reply.body},
                        {"in_reply_to", reply.inReplyTo}, {"references", reply.references},
                        {"relayed", sender != nullptr}};
  {
    store::Transaction tx(*m_db);
    append(c.interactionId, store::EventKind::EmailSent, payload.dump(-1, ' ', false, Json::error_handler_t::replace));
    if (sender) m_outbox->add(reply, c.interactionId, now());  // kept until the relay accepts it
    // The reply is the first response to every complaint opened in this conversation.
    if (pop.view) {
      for (const auto& complaint : pop.view->openComplaints) {
        if (complaint.interactionId == c.interactionId && !complaint.firstResponseUs) {
          append(c.interactionId, store::EventKind::ComplaintResponded,
                 Json{{"complaint_id", complaint.id}, {"by", "email reply"}}.dump());
        }
      }
    }
    tx.commit();
  }
  loadWords(*next.pop);
  reloadCustomer(next);
  refreshPop(next);  // the reply ends the handling: wrap-up starts
  if (sender) {
    next.lastContact = "reply to " + reply.to + " queued for " + options().relayName;
    sendDueReplies(next);
  } else {
    next.lastContact = "reply to " + reply.to + " recorded (no relay configured)";
  }
}

void Desk::Worker::handle(const CloseEmail& c, DeskSnapshot& next) {
  const ContactPop& pop = contactInHand(next);
  if (pop.interactionId != c.interactionId || pop.channel != Channel::Email || pop.status != ContactStatus::Connected) {
    throw store::StoreError("only the open email in hand can be closed");
  }
  append(c.interactionId, store::EventKind::Ended, R"({"cause":"closed without reply"})");
  refreshPop(next);
}

void Desk::Worker::handle(const ReplyRelayed& c, DeskSnapshot& next) {
  requireStore();
  m_outbox->settle(c.messageId, telephony::SendResult{c.ok, c.detail, c.permanent}, now());
  next.outbox = m_outbox->status();
  if (c.ok) {
    next.lastContact = "reply " + c.messageId + " relayed: " + c.detail;
  } else {
    next.lastError = "reply " + c.messageId + " not relayed: " + c.detail +
                     (c.permanent ? " (refused: not tried again)" : " (will be tried again)");
  }
}

void Desk::Worker::sendDueReplies(DeskSnapshot& next) {
  auto* sender = m_desk.m_mailSender.load();
  if (sender) {
    Desk& desk = m_desk;
    for (auto& reply : m_outbox->takeDue(now())) {
      const std::string id = reply.messageId;
      sender->send(std::move(reply), [&desk, id](telephony::SendResult r) {
        desk.post(ReplyRelayed{id, r.ok, std::move(r.detail), r.permanent});
      });
    }
  }
  next.outbox = m_outbox->status();
}

}  // namespace frontline::desk
