#include <catch2/catch.hpp>

#include <string>
#include <variant>

#include "telephony/media/sdp.h"

using namespace frontline::telephony::media;

namespace {

// An offer as a desk phone sends it: Opus, PCMU, PCMA, DTMF events at both rates.
const char* kPhoneOffer =
    "v=0\r\n"
    "o=alice 2890844526 2890844527 IN IP4 192.0.2.10\r\n"
    "s=-\r\n"
    "c=IN IP4 192.0.2.10\r\n"
    "t=0 0\r\n"
    "m=audio 49170 RTP/AVP 111 0 8 101 110\r\n"
    "a=rtpmap:111 opus/48000/2\r\n"
    "a=fmtp:111 useinbandfec=1\r\n"
    "a=rtpmap:101 telephone-event/8000\r\n"
    "a=fmtp:101 0-16\r\n"
    "a=rtpmap:110 telephone-event/48000\r\n"
    "a=ptime:20\r\n"
    "a=sendrecv\r\n";

AudioStream parsed(const std::string& sdp) {
  auto result = parseAudioStream(sdp);
  INFO((std::holds_alternative<std::string>(result) ? std::get<std::string>(result) : "parsed"));
  REQUIRE(std::holds_alternative<AudioStream>(result));
  return std::get<AudioStream>(result);
}

std::string errorOf(const std::string& sdp) {
  auto result = parseAudioStream(sdp);
  return std::holds_alternative<std::string>(result) ? std::get<std::string>(result) : "";
}

}  // namespace

TEST_CASE("an offer's audio stream: address, port, codecs in order, ptime, direction", "[media][sdp]") {
  const auto s = parsed(kPhoneOffer);
  CHECK(s.address == "192.0.2.10");
  CHECK(s.port == 49170);
  CHECK(s.sessionVersion == 2890844527);
  REQUIRE(s.codecs.size() == 5);
  CHECK(s.codecs[0].name == "opus");
  CHECK(s.codecs[0].clockRate == 48000);
  CHECK(s.codecs[0].channels == 2);
  CHECK(s.codecs[0].fmtp == "useinbandfec=1");
  CHECK(s.codecs[1].name == "PCMU");  // static payload types need no rtpmap
  CHECK(s.codecs[2].name == "PCMA");
  CHECK(s.codecs[3].name == "telephone-event");
  CHECK(s.codecs[3].fmtp == "0-16");
  CHECK(s.ptimeMs == 20);
  CHECK(s.direction == Direction::SendRecv);
}

TEST_CASE("negotiation takes the offer's first codec we support and its telephone-event", "[media][sdp]") {
  const auto s = parsed(kPhoneOffer);
  const auto g711 = negotiate(s, {"PCMA", "PCMU"});
  REQUIRE(g711);
  CHECK(g711->codec.name == "PCMU");  // the offer's order decides, not ours
  REQUIRE(g711->telephoneEvent);
  CHECK(g711->telephoneEvent->payloadType == 101);  // the 8,000 Hz one, like the codec
  CHECK(g711->remoteAddress == "192.0.2.10");
  CHECK(g711->remotePort == 49170);
  const auto opus = negotiate(s, {"opus", "PCMU"});
  REQUIRE(opus);
  CHECK(opus->codec.payloadType == 111);
  CHECK(opus->telephoneEvent->payloadType == 110);
  // Our answer says what we play (mono narrowband), not what the offer said.
  CHECK(opus->codec.fmtp == "maxplaybackrate=8000;sprop-maxcapturerate=8000;stereo=0;sprop-stereo=0");
  const std::string answer = buildAnswer(*opus, "192.0.2.1", 40000, 1, 1);
  CHECK_THAT(answer, Catch::Contains("a=rtpmap:111 opus/48000/2\r\n"));
  CHECK_THAT(answer, Catch::Contains("a=fmtp:111 maxplaybackrate=8000;"));
  CHECK_THAT(answer, Catch::Contains("a=rtpmap:110 telephone-event/48000\r\n"));
  CHECK_FALSE(negotiate(s, {"G722"}));
  auto refused = s;
  refused.port = 0;
  CHECK_FALSE(negotiate(refused, {"PCMU"}));
}

TEST_CASE("the answer keeps every offered stream in place and refuses the others with port 0", "[media][sdp]") {
  const auto s = parsed(
      "v=0\r\no=- 1 1 IN IP4 198.51.100.7\r\ns=-\r\nc=IN IP4 198.51.100.7\r\nt=0 0\r\n"
      "m=video 51372 RTP/AVP 31\r\na=rtpmap:31 H261/90000\r\n"
      "m=audio 49174 RTP/AVP 8 101\r\na=rtpmap:101 telephone-event/8000\r\na=sendonly\r\n");
  CHECK(s.index == 1);
  CHECK(s.direction == Direction::SendOnly);  // the caller holds us
  const auto n = negotiate(s, {"PCMU", "PCMA"});
  REQUIRE(n);
  CHECK(n->direction == Direction::RecvOnly);
  const std::string answer = buildAnswer(*n, "203.0.113.5", 40000, 77, 78);
  CHECK(answer ==
        "v=0\r\no=frontline 77 78 IN IP4 203.0.113.5\r\ns=Frontline\r\nc=IN IP4 203.0.113.5\r\nt=0 0\r\n"
        "m=video 0 RTP/AVP 31\r\n"
        "m=audio 40000 RTP/AVP 8 101\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\n"
        "a=fmtp:101 0-16\r\na=ptime:20\r\na=recvonly\r\n");
  // The answer is itself a description this parser reads.
  const auto back = parsed(answer);
  CHECK(back.port == 40000);
  CHECK(back.codecs.size() == 2);
  CHECK(back.direction == Direction::RecvOnly);
}

TEST_CASE("directions: media level over session level, and RFC 2543 hold by address", "[media][sdp]") {
  const std::string head = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n";
  CHECK(parsed(head + "a=inactive\r\nm=audio 4000 RTP/AVP 0\r\n").direction == Direction::Inactive);
  CHECK(parsed(head + "a=inactive\r\nm=audio 4000 RTP/AVP 0\r\na=recvonly\r\n").direction == Direction::RecvOnly);
  const auto oldHold =
      parsed("v=0\r\no=- 1 2 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 0.0.0.0\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n");
  CHECK(oldHold.direction == Direction::SendOnly);
  CHECK(answerTo(Direction::SendOnly) == Direction::RecvOnly);
  CHECK(answerTo(Direction::RecvOnly) == Direction::SendOnly);
  CHECK(answerTo(Direction::Inactive) == Direction::Inactive);
  CHECK(answerTo(Direction::SendRecv) == Direction::SendRecv);
}

TEST_CASE("malformed descriptions say what is wrong", "[media][sdp]") {
  const std::string head = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\n";
  CHECK(errorOf(head) == "no RTP/AVP audio stream");
  CHECK(errorOf(head + "m=audio 4000 RTP/SAVP 0\r\nc=IN IP4 192.0.2.1\r\n") == "no RTP/AVP audio stream");
  CHECK(errorOf(head + "m=audio 4000 RTP/AVP 0\r\n") == "no c= line for the audio stream");
  CHECK(errorOf(head + "m=audio 70000 RTP/AVP 0\r\n") == "the audio port '70000' is not a port");
  CHECK(errorOf(head + "m=audio 4000 RTP/AVP 0 200\r\n") == "the payload type '200' is not a number from 0 to 127");
  CHECK(errorOf(head + "m=audio 4000 RTP/AVP\r\n") == "an m= line without a format: 'audio 4000 RTP/AVP'");
  CHECK(errorOf(head + "c=IN IP4\r\n") == "the c= line 'IN IP4' is not IN IP4/IP6 with an address");
  CHECK(errorOf(head + "junk\r\n") == "line 5 is not type=value");
  CHECK(errorOf("o=- 1 x IN IP4 192.0.2.1\r\n") == "the o= line has no session version");
  const std::string audio = head + "c=IN IP4 192.0.2.1\r\nm=audio 4000 RTP/AVP 96\r\n";
  CHECK(errorOf(audio + "a=rtpmap:96 opus\r\n") == "a=rtpmap:96 opus has no clock rate");
  CHECK(errorOf(audio + "a=rtpmap:96 opus/48000/x\r\n") == "a=rtpmap:96 opus/48000/x has a bad channel count");
  CHECK(errorOf(audio + "a=ptime:0\r\n") == "a=ptime:0 is not a packet time");
  std::string many = head;
  for (int i = 0; i < 600; ++i) many += "a=x\r\n";
  CHECK(errorOf(many) == "more than 512 lines");
  // Every prefix of a real offer: a stream or an error, never a crash.
  const std::string offer = kPhoneOffer;
  for (std::size_t n = 0; n <= offer.size(); ++n) (void)parseAudioStream(std::string_view(offer).substr(0, n));
}
