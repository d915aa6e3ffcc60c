// SDP for one audio stream (RFC 4566) and the offer/answer rules for it (RFC 3264): what
// the peer offers (address, port, codecs with their payload types, ptime, direction), the
// codec both sides can use, and the answer we send. Text from the network: anything
// malformed is an error that says what, never an exception. Pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace frontline::telephony::media {

// Which way media flows, from the side that wrote the description.
enum class Direction { SendRecv, SendOnly, RecvOnly, Inactive };
std::string_view toString(Direction d);
// The direction an answer takes to an offer's (RFC 3264 §6.1): sendonly <-> recvonly.
Direction answerTo(Direction offered);

struct Codec {
  int payloadType = -1;  // 0-127
  std::string name;      // "PCMU", "PCMA", "opus", "telephone-event" (as written)
  int clockRate = 8000;
  int channels = 1;
  std::string fmtp;  // the a=fmtp parameters, "" when none
};

// An m= line as offered: an answer has one for each, in order (RFC 3264 §6), the ones we
// do not take with port 0.
struct MediaLine {
  std::string media;        // "audio", "video", ...
  std::string proto;        // "RTP/AVP", "RTP/SAVP", ...
  std::string firstFormat;  // an answer that refuses a stream still names a format
};

struct AudioStream {
  std::string address;        // from c= (media level over session level)
  std::uint16_t port = 0;     // 0: the stream is refused or removed
  std::vector<Codec> codecs;  // in the m= line's order (the writer's preference)
  int ptimeMs = 20;
  Direction direction = Direction::SendRecv;
  std::uint64_t sessionVersion = 0;   // o= line: a re-INVITE with a new version changes something
  std::vector<MediaLine> mediaLines;  // every m= line of the description
  std::size_t index = 0;              // which of them this stream is
};

// The first audio stream of a description, or what is wrong with it.
std::variant<AudioStream, std::string> parseAudioStream(std::string_view sdp);

// The result of an offer: the codec we send and expect (the first of the offer's that we
// support), telephone-event when offered at the same clock rate, and our direction.
struct Negotiated {
  Codec codec;
  std::optional<Codec> telephoneEvent;
  int ptimeMs = 20;
  Direction direction = Direction::SendRecv;
  std::string remoteAddress;
  std::uint16_t remotePort = 0;
  std::vector<MediaLine> mediaLines;  // the offer's, for the answer's refused streams
  std::size_t index = 0;
};

// `supported`: codec names we can encode ("PCMU", "PCMA", "opus"), matched without regard
// to case. nullopt: nothing in common (a 488 Not Acceptable Here).
std::optional<Negotiated> negotiate(const AudioStream& offer, const std::vector<std::string>& supported);

// Our answer (or a re-offer for hold: `direction` sendonly): one audio stream at
// `address`:`port` with the negotiated codec and telephone-event.
std::string buildAnswer(const Negotiated& n, std::string_view address, std::uint16_t port, std::uint64_t sessionId,
                        std::uint64_t sessionVersion);

// Our offer, when the caller's INVITE (or re-INVITE) carried none and the answer comes in
// the ACK (RFC 3261 13.2.1): PCMU, PCMA and telephone-event 101, 20 ms, `direction`.
std::string buildOffer(std::string_view address, std::uint16_t port, std::uint64_t sessionId,
                       std::uint64_t sessionVersion, Direction direction = Direction::SendRecv);

}  // namespace frontline::telephony::media
