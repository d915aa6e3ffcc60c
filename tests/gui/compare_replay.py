#!/usr/bin/env python3
"""Compares what the agent saw with what the trainer's replay shows at the same moment.

  compare_replay.py LIVE_DUMP REPLAY_DUMP

Both are UI dumps (--ui-dump). The Contact and Customer regions must show the same lines,
once the clocks that tick with the wall clock ("talk 12s", "waiting 3s", "in 3h 59m") are
written as <t>, and once the wrap-up's key hint is left out: it names the keys that work
right now, which depends on whether a text field has the keyboard (the agent's note had
it; nothing has it in a replay), and once the live call's media lines are left out (its
audio quality, level meters, mute and recording state come from the media thread as the
call runs, not from events; a replay has none). Prints the differences and exits 1 when there are any.
"""
import json
import re
import sys

CLOCK = re.compile(r"\b\d+[dhms]( \d+[hms])?\b")


def live_media(text):
    return (text.startswith(("Audio ", "Headset: ", "You are muted"))
            or text in ("REC", "REC paused", "No audio from the caller yet", "You", "Caller", "MUTED"))


def lines(path, title):
    with open(path, encoding="utf-8") as f:
        dump = json.load(f)
    for w in dump["windows"]:
        if w["title"] == title:
            return [CLOCK.sub("<t>", t) for t in w["text"] if not t.startswith("Wrap-up: press") and not live_media(t)]
    return None


def main():
    live, replay = sys.argv[1], sys.argv[2]
    failed = False
    for title in ("Contact", "Customer"):
        a, b = lines(live, title), lines(replay, title)
        if a is None or b is None:
            print(f"{title}: missing in {'the live dump' if a is None else 'the replay dump'}")
            failed = True
            continue
        if a != b:
            failed = True
            print(f"{title}: the replay differs from what the agent saw")
            for i in range(max(len(a), len(b))):
                x = a[i] if i < len(a) else "(none)"
                y = b[i] if i < len(b) else "(none)"
                if x != y:
                    print(f"  line {i}: agent:  {x}\n           replay: {y}")
        else:
            print(f"{title}: {len(a)} lines, the same")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
