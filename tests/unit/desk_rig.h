// A desk on a small demo store with a clock the test moves by hand, and helpers that
// deliver contacts to it as the listeners would.
#pragma once

#include <atomic>
#include <future>
#include <memory>
#include <string>

#include "desk/desk.h"
#include "store/demo_data.h"
#include "test_support.h"

namespace frontline::test {

struct DeskRig {
  TempDir dir;
  std::string path = dir.file("desk.db");
  std::atomic<std::int64_t> nowUs{kTestNowUs};
  std::string phone;  // a known customer's phone number
  std::string email;  // a known customer's email address
  std::unique_ptr<desk::Desk> d;

  explicit DeskRig(const std::function<void(desk::DeskOptions&)>& configure = {}) {
    {
      auto db = store::Database::open(path);
      store::migrate(db);
      store::DemoDataOptions o;
      o.customers = 30;
      o.asOfUs = kTestNowUs;
      store::writeDemoData(db, o);
      phone = db.queryText("SELECT value FROM customer_addresses WHERE kind = 'phone' ORDER BY id LIMIT 1");
      email = db.queryText("SELECT value FROM customer_addresses WHERE kind = 'email' ORDER BY id LIMIT 1");
    }
    desk::DeskOptions o;
    o.storePath = path;
    o.origin = "agent-03";
    o.clock = [this] { return nowUs.load(); };
    if (configure) configure(o);
    d = std::make_unique<desk::Desk>(o);
    d->waitFor([](const desk::DeskSnapshot& s) { return s.storeReady; }, std::chrono::seconds(10));
  }

  telephony::DeliveryResult deliver(telephony::ContactEvent e) {
    std::promise<telephony::DeliveryResult> result;
    d->deliver(std::move(e), [&](telephony::DeliveryResult r) { result.set_value(std::move(r)); });
    return result.get_future().get();
  }

  telephony::DeliveryResult call(telephony::SipCallEvent::Kind kind, const std::string& callId,
                                 const std::string& from = {}) {
    telephony::SipCallEvent e;
    e.kind = kind;
    e.callId = callId;
    e.callerUser = from.empty() ? phone : from;
    e.receivedUs = nowUs.load();
    return deliver(e);
  }

  telephony::DeliveryResult mail(const std::string& messageId, const std::string& subject,
                                 const std::string& from = {}) {
    telephony::ReceivedEmail e;
    e.protocol = "smtp";
    e.fromAddress = from.empty() ? email : from;
    e.fromName = "Sender";
    e.subject = subject;
    e.messageId = messageId;
    e.bodyText = "Hello, " + subject;
    e.receivedUs = nowUs.load();
    return deliver(e);
  }

  // The latest snapshot once `ready` holds (or after 10 s).
  std::shared_ptr<const desk::DeskSnapshot> when(const std::function<bool(const desk::DeskSnapshot&)>& ready) {
    return d->waitFor(ready, std::chrono::seconds(10));
  }
  // Posts a command and waits for the snapshot published after it ran.
  std::shared_ptr<const desk::DeskSnapshot> run(desk::Command c) {
    const auto ticket = d->post(std::move(c));
    return when([ticket](const desk::DeskSnapshot& s) { return s.handled >= ticket; });
  }
};

}  // namespace frontline::test
