#!/usr/bin/env python3
"""The tones in a call's audio, for the voice tests: which of a set of frequencies sounds
in each 100 ms, merged into runs ("440 0.00 1.00").

  tones.py wav FILE [--channel N] FREQ...       a 16-bit PCM WAV (any rate, channel N)
  tones.py pcap FILE --to-port P FREQ...        the PCMU RTP payloads sent to UDP port P,
                                                in a tcpdump capture, in RTP timestamp order
  tones.py gaps FILE --to-port P                "PACKETS LONGEST_GAP_MS": the RTP packets sent
                                                to port P and the longest pause between two

A window is counted as a tone when that frequency holds most of the window's energy
(Goertzel at each candidate frequency against the window's total energy); quieter or
mixed windows are "-" (silence, concealment, a change of tone).
"""
import argparse
import math
import struct
import sys


def ulaw_to_linear(code):
    code = ~code & 0xFF
    sign = code & 0x80
    exponent = (code >> 4) & 0x07
    mantissa = code & 0x0F
    magnitude = ((mantissa << 3) + 0x84) << exponent
    magnitude -= 0x84
    return -magnitude if sign else magnitude


def read_wav(path, channel):
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        sys.exit(f"{path}: not a WAV file")
    at, rate, channels = 12, 8000, 1
    while at + 8 <= len(data):
        kind, size = data[at:at + 4], struct.unpack("<I", data[at + 4:at + 8])[0]
        body = data[at + 8:at + 8 + size]
        if kind == b"fmt ":
            fmt, channels, rate = struct.unpack("<HHI", body[:8])
            bits = struct.unpack("<H", body[14:16])[0]
            if bits != 16:
                sys.exit(f"{path}: {bits}-bit samples, expected 16")
        elif kind == b"data":
            count = len(body) // 2
            samples = struct.unpack(f"<{count}h", body[:count * 2])
            return rate, list(samples[channel::channels])
        at += 8 + size + (size & 1)
    sys.exit(f"{path}: no data chunk")


def read_pcap(path, port, arrivals=None):
    with open(path, "rb") as f:
        data = f.read()
    magic = struct.unpack("<I", data[:4])[0]
    endian = "<" if magic in (0xA1B2C3D4, 0xA1B23C4D) else ">"
    linktype = struct.unpack(endian + "I", data[20:24])[0]
    link_header = {1: 14, 113: 16, 276: 20, 0: 4}.get(linktype)
    if link_header is None:
        sys.exit(f"{path}: link type {linktype} not read")
    packets = {}
    at = 24
    while at + 16 <= len(data):
        incl = struct.unpack(endian + "I", data[at + 8:at + 12])[0]
        frame = data[at + 16:at + 16 + incl]
        at += 16 + incl
        ip = frame[link_header:]
        if len(ip) < 20 or ip[0] >> 4 != 4 or ip[9] != 17:
            continue
        udp = ip[(ip[0] & 0x0F) * 4:]
        if len(udp) < 8 or struct.unpack(">H", udp[2:4])[0] != port:
            continue
        rtp = udp[8:]
        if len(rtp) < 12 or rtp[0] >> 6 != 2 or (rtp[1] & 0x7F) != 0:
            continue  # not RTP, or not PCMU (RTCP, telephone-event)
        header = 12 + 4 * (rtp[0] & 0x0F)
        timestamp = struct.unpack(">I", rtp[4:8])[0]
        if arrivals is not None:
            seconds, micros = struct.unpack(endian + "II", data[at - 16 - incl:at - 8 - incl])
            arrivals.append(seconds + micros / 1e6)
        packets[timestamp] = [ulaw_to_linear(b) for b in rtp[header:]]
    if not packets:
        return 8000, []
    first = min(packets)
    samples = []
    for timestamp in sorted(packets):
        offset = timestamp - first
        if offset > len(samples):
            samples.extend([0] * (offset - len(samples)))  # a gap: silence
        samples[offset:offset + len(packets[timestamp])] = packets[timestamp]
    return 8000, samples


def goertzel_power(window, rate, freq):
    coeff = 2 * math.cos(2 * math.pi * freq / rate)
    s1 = s2 = 0.0
    for x in window:
        s1, s2 = x + coeff * s1 - s2, s1
    return s1 * s1 + s2 * s2 - coeff * s1 * s2


def runs(rate, samples, freqs):
    step = rate // 10
    labels = []
    for start in range(0, len(samples) - step + 1, step):
        window = samples[start:start + step]
        energy = sum(x * x for x in window)
        label = "-"
        if energy > step * 100 * 100:  # quieter than about -50 dBFS is silence
            powers = {f: goertzel_power(window, rate, f) for f in freqs}
            best = max(powers, key=powers.get)
            # Goertzel power of a pure tone is about energy * N / 2.
            if powers[best] > 0.5 * energy * step / 2:
                label = str(best)
        labels.append(label)
    out = []
    for i, label in enumerate(labels):
        if out and out[-1][0] == label:
            out[-1][2] = (i + 1) / 10
        else:
            out.append([label, i / 10, (i + 1) / 10])
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("kind", choices=["wav", "pcap", "gaps"])
    parser.add_argument("file")
    parser.add_argument("freqs", nargs="*", type=int)
    parser.add_argument("--channel", type=int, default=0)
    parser.add_argument("--to-port", type=int)
    args = parser.parse_intermixed_args()
    if args.kind == "gaps":
        arrivals = []
        read_pcap(args.file, args.to_port, arrivals)
        arrivals.sort()
        gap = max((b - a for a, b in zip(arrivals, arrivals[1:])), default=0)
        print(f"{len(arrivals)} {gap * 1000:.0f}")
        return
    if args.kind == "wav":
        rate, samples = read_wav(args.file, args.channel)
    else:
        rate, samples = read_pcap(args.file, args.to_port)
    for label, start, end in runs(rate, samples, args.freqs):
        print(f"{label} {start:.2f} {end:.2f}")


if __name__ == "__main__":
    main()
