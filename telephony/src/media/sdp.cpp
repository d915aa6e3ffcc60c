// SDP for one audio stream; see sdp.h.
#include "telephony/media/sdp.h"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace frontline::telephony::media {
namespace {

constexpr std::size_t kMostLines = 512;  // a phone's offer has about 20

template <typename T>
bool number(std::string_view text, T& out) {
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, out);
  return ec == std::errc() && ptr == end;
}

// Words separated by spaces.
std::vector<std::string_view> words(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t at = 0;
  while (at < text.size()) {
    while (at < text.size() && text[at] == ' ') ++at;
    const std::size_t start = at;
    while (at < text.size() && text[at] != ' ') ++at;
    if (at > start) out.push_back(text.substr(start, at - start));
  }
  return out;
}

bool sameName(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

// The static payload types (RFC 3551) a phone may offer without an rtpmap.
Codec staticCodec(int pt) {
  switch (pt) {
    case 0:
      return {0, "PCMU", 8000, 1, ""};
    case 3:
      return {3, "GSM", 8000, 1, ""};
    case 8:
      return {8, "PCMA", 8000, 1, ""};
    case 9:
      return {9, "G722", 8000, 1, ""};
    case 18:
      return {18, "G729", 8000, 1, ""};
    default:
      return {pt, "", 8000, 1, ""};
  }
}

std::optional<Direction> directionAttribute(std::string_view a) {
  if (a == "sendrecv") return Direction::SendRecv;
  if (a == "sendonly") return Direction::SendOnly;
  if (a == "recvonly") return Direction::RecvOnly;
  if (a == "inactive") return Direction::Inactive;
  return std::nullopt;
}

// "IN IP4 192.0.2.1" or "IN IP6 2001:db8::1" (a multicast "/ttl" dropped).
std::optional<std::string> connectionAddress(std::string_view value) {
  const auto w = words(value);
  if (w.size() != 3 || w[0] != "IN" || (w[1] != "IP4" && w[1] != "IP6")) return std::nullopt;
  std::string_view address = w[2];
  if (const auto slash = address.find('/'); slash != std::string_view::npos) address = address.substr(0, slash);
  if (address.empty()) return std::nullopt;
  return std::string(address);
}

// "encoding/clock rate[/channels]" into `codec`; what is wrong, if anything.
std::optional<std::string> readRtpmap(std::string_view spec, Codec& codec) {
  const auto slash = spec.find('/');
  if (slash == std::string_view::npos || slash == 0) return "has no clock rate";
  std::string_view rate = spec.substr(slash + 1);
  std::string_view channels;
  if (const auto second = rate.find('/'); second != std::string_view::npos) {
    channels = rate.substr(second + 1);
    rate = rate.substr(0, second);
  }
  int clockRate = 0;
  int channelCount = 1;
  if (!number(rate, clockRate) || clockRate <= 0) return "has no clock rate";
  if (!channels.empty() && (!number(channels, channelCount) || channelCount <= 0 || channelCount > 8)) {
    return "has a bad channel count";
  }
  codec.name = std::string(spec.substr(0, slash));
  codec.clockRate = clockRate;
  codec.channels = channelCount;
  return std::nullopt;
}

}  // namespace

std::string_view toString(Direction d) {
  switch (d) {
    case Direction::SendRecv:
      return "sendrecv";
    case Direction::SendOnly:
      return "sendonly";
    case Direction::RecvOnly:
      return "recvonly";
    case Direction::Inactive:
      return "inactive";
  }
  return "sendrecv";
}

Direction answerTo(Direction offered) {
  switch (offered) {
    case Direction::SendOnly:
      return Direction::RecvOnly;
    case Direction::RecvOnly:
      return Direction::SendOnly;
    default:
      return offered;
  }
}

std::variant<AudioStream, std::string> parseAudioStream(std::string_view sdp) {
  std::string sessionAddress;
  Direction sessionDirection = Direction::SendRecv;
  std::uint64_t version = 0;
  std::vector<MediaLine> mediaLines;
  std::optional<AudioStream> chosen;  // the first usable audio stream
  bool inChosen = false;              // the lines being read belong to it
  std::optional<Direction> chosenDirection;
  std::size_t lineNumber = 0;
  std::size_t at = 0;
  while (at < sdp.size()) {
    std::size_t end = sdp.find('\n', at);
    if (end == std::string_view::npos) end = sdp.size();
    std::string_view line = sdp.substr(at, end - at);
    at = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    if (++lineNumber > kMostLines) return "more than " + std::to_string(kMostLines) + " lines";
    if (line.size() < 2 || line[1] != '=') return "line " + std::to_string(lineNumber) + " is not type=value";
    const char type = line[0];
    const std::string_view value = line.substr(2);
    const bool sessionLevel = mediaLines.empty();
    if (type == 'o') {
      const auto w = words(value);
      if (w.size() != 6 || !number(w[2], version)) return "the o= line has no session version";
    } else if (type == 'm') {
      inChosen = false;
      const auto w = words(value);
      if (w.size() < 4) return "an m= line without a format: '" + std::string(value) + "'";
      mediaLines.push_back({std::string(w[0]), std::string(w[2]), std::string(w[3])});
      if (chosen || w[0] != "audio" || (w[2] != "RTP/AVP" && w[2] != "RTP/AVPF")) continue;
      AudioStream s;
      std::string_view port = w[1];
      if (const auto slash = port.find('/'); slash != std::string_view::npos) port = port.substr(0, slash);
      if (!number(port, s.port)) return "the audio port '" + std::string(port) + "' is not a port";
      for (std::size_t i = 3; i < w.size(); ++i) {
        int pt = -1;
        if (!number(w[i], pt) || pt < 0 || pt > 127) {
          return "the payload type '" + std::string(w[i]) + "' is not a number from 0 to 127";
        }
        s.codecs.push_back(staticCodec(pt));
      }
      s.index = mediaLines.size() - 1;
      chosen = std::move(s);
      inChosen = true;
    } else if (type == 'c') {
      const auto address = connectionAddress(value);
      if (!address) return "the c= line '" + std::string(value) + "' is not IN IP4/IP6 with an address";
      if (sessionLevel) {
        sessionAddress = *address;
      } else if (inChosen) {
        chosen->address = *address;
      }
    } else if (type == 'a' && (sessionLevel || inChosen)) {
      if (const auto d = directionAttribute(value)) {
        (sessionLevel ? sessionDirection : chosenDirection.emplace()) = *d;
        continue;
      }
      const auto colon = value.find(':');
      if (sessionLevel || colon == std::string_view::npos) continue;
      const std::string_view name = value.substr(0, colon);
      const std::string_view rest = value.substr(colon + 1);
      if (name == "ptime") {
        int ms = 0;
        if (!number(rest, ms) || ms < 1 || ms > 1000) return "a=ptime:" + std::string(rest) + " is not a packet time";
        chosen->ptimeMs = ms;
      } else if (name == "rtpmap" || name == "fmtp") {
        const auto space = rest.find(' ');
        int pt = -1;
        if (space == std::string_view::npos || !number(rest.substr(0, space), pt)) {
          return "a=" + std::string(name) + ":" + std::string(rest) + " has no payload type";
        }
        auto codec = std::find_if(chosen->codecs.begin(), chosen->codecs.end(),
                                  [pt](const Codec& c) { return c.payloadType == pt; });
        if (codec == chosen->codecs.end()) continue;  // not on the m= line: ignored
        const std::string_view spec = rest.substr(space + 1);
        if (name == "fmtp") {
          codec->fmtp = std::string(spec);
        } else if (auto error = readRtpmap(spec, *codec)) {
          return "a=rtpmap:" + std::string(rest) + " " + *error;
        }
      }
    }
  }
  if (!chosen) return "no RTP/AVP audio stream";
  if (chosen->address.empty()) chosen->address = sessionAddress;
  if (chosen->address.empty()) return "no c= line for the audio stream";
  chosen->direction = chosenDirection.value_or(sessionDirection);
  // Hold the way RFC 2543 did it: "send me nothing" as the address 0.0.0.0.
  if (chosen->address == "0.0.0.0") {
    chosen->direction = chosen->direction == Direction::SendRecv ? Direction::SendOnly : Direction::Inactive;
  }
  chosen->sessionVersion = version;
  chosen->mediaLines = std::move(mediaLines);
  return *std::move(chosen);
}

std::optional<Negotiated> negotiate(const AudioStream& offer, const std::vector<std::string>& supported) {
  if (offer.port == 0) return std::nullopt;
  const auto usable = [&](const Codec& c) {
    const bool known =
        std::any_of(supported.begin(), supported.end(), [&](const std::string& s) { return sameName(s, c.name); });
    if (!known) return false;
    if (sameName(c.name, "opus")) return c.clockRate == 48000 && c.channels == 2;  // RFC 7587: always 48000/2
    return c.clockRate == 8000 && c.channels == 1;
  };
  const auto codec = std::find_if(offer.codecs.begin(), offer.codecs.end(), usable);
  if (codec == offer.codecs.end()) return std::nullopt;
  Negotiated n;
  n.codec = *codec;
  // The answer's format parameters say what we want to receive (RFC 7587 7.1): for Opus,
  // mono narrowband is all the agent's 8 kHz audio path plays.
  if (sameName(codec->name, "opus"))
    n.codec.fmtp = "maxplaybackrate=8000;sprop-maxcapturerate=8000;stereo=0;sprop-stereo=0";
  for (const auto& c : offer.codecs) {
    if (sameName(c.name, "telephone-event") && c.clockRate == codec->clockRate) {
      n.telephoneEvent = c;
      break;
    }
  }
  n.ptimeMs = offer.ptimeMs >= 10 && offer.ptimeMs <= 60 ? offer.ptimeMs : 20;
  n.direction = answerTo(offer.direction);
  n.remoteAddress = offer.address;
  n.remotePort = offer.port;
  n.mediaLines = offer.mediaLines;
  n.index = offer.index;
  return n;
}

namespace {
// v=, o=, s=, c= and t= for a description of ours.
std::string sessionLines(std::string_view address, std::uint64_t sessionId, std::uint64_t sessionVersion) {
  const std::string ip(address);
  const std::string family = ip.find(':') == std::string::npos ? "IP4" : "IP6";
  return "v=0\r\no=frontline " + std::to_string(sessionId) + " " + std::to_string(sessionVersion) + " IN " + family +
         " " + ip + "\r\ns=Frontline\r\nc=IN " + family + " " + ip + "\r\nt=0 0\r\n";
}
}  // namespace

std::string buildOffer(std::string_view address, std::uint16_t port, std::uint64_t sessionId,
                       std::uint64_t sessionVersion, Direction direction) {
  return sessionLines(address, sessionId, sessionVersion) + "m=audio " + std::to_string(port) +
         " RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\n"
         "a=fmtp:101 0-16\r\na=ptime:20\r\na=" +
         std::string(toString(direction)) + "\r\n";
}

std::string buildAnswer(const Negotiated& n, std::string_view address, std::uint16_t port, std::uint64_t sessionId,
                        std::uint64_t sessionVersion) {
  std::string sdp = sessionLines(address, sessionId, sessionVersion);
  auto rtpmap = [](const Codec& c) {
    std::string line = "a=rtpmap:" + std::to_string(c.payloadType) + " " + c.name + "/" + std::to_string(c.clockRate);
    if (c.channels != 1) line += "/" + std::to_string(c.channels);
    return line + "\r\n";
  };
  const std::size_t lines = std::max<std::size_t>(n.mediaLines.size(), n.index + 1);
  for (std::size_t i = 0; i < lines; ++i) {
    if (i != n.index) {  // a stream we do not take: refused with port 0 (RFC 3264 §6)
      if (i >= n.mediaLines.size()) continue;
      const MediaLine& m = n.mediaLines[i];
      sdp += "m=" + m.media + " 0 " + m.proto + " " + m.firstFormat + "\r\n";
      continue;
    }
    sdp += "m=audio " + std::to_string(port) + " RTP/AVP " + std::to_string(n.codec.payloadType);
    if (n.telephoneEvent) sdp += " " + std::to_string(n.telephoneEvent->payloadType);
    sdp += "\r\n" + rtpmap(n.codec);
    if (!n.codec.fmtp.empty()) sdp += "a=fmtp:" + std::to_string(n.codec.payloadType) + " " + n.codec.fmtp + "\r\n";
    if (n.telephoneEvent) {
      sdp += rtpmap(*n.telephoneEvent) + "a=fmtp:" + std::to_string(n.telephoneEvent->payloadType) + " 0-16\r\n";
    }
    sdp += "a=ptime:" + std::to_string(n.ptimeMs) + "\r\na=" + std::string(toString(n.direction)) + "\r\n";
  }
  return sdp;
}

}  // namespace frontline::telephony::media
