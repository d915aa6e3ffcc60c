#!/usr/bin/env python3
"""Startup benchmark (prints figures; not a test): how soon `frontline serve` answers on a
large store, and what it holds in memory.

For RUNS runs on STORE (the 1,000,000-customer bench store): the time from launch to the
SMTP listener's 220 greeting (a connection accepted and answered) and to a SIP OPTIONS
answered with 200; to "ready" (the desk has opened the store); to the store's counts
(counted on their own thread). Then the resident memory (VmRSS, VmHWM) once the counts are
in, and again after CALLS SIPp calls (auto-answer), the console's working set. The same,
in the same run, on an empty store (the baseline: what starting costs with nothing to
read), and each figure's ratio to it. Medians over the runs; the first run on STORE may
meet a cold page cache.

    startup_bench.py FRONTLINE STORE [RUNS=3] [CALLS=2000]
"""
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time

frontline, store = sys.argv[1], os.path.abspath(sys.argv[2])
runs = int(sys.argv[3]) if len(sys.argv) > 3 else 3
calls = int(sys.argv[4]) if len(sys.argv) > 4 else 2000
work = tempfile.mkdtemp(prefix="frontline-startup-")


def write_config(name, store_path):
    path = os.path.join(work, name + ".toml")
    with open(path, "w") as f:
        f.write(f"""[agent]
id = "startup-bench"
[store]
path = "{store_path}"
[smtp]
listen = "127.0.0.1:0"
[lmtp]
listen = ""
[cti]
listen = ""
[sip]
listen = "127.0.0.1:0"
[desk]
auto_answer = true
""")
    return path


def wait_for(predicate, timeout=600.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = predicate()
        if value:
            return value
        time.sleep(0.002)
    raise SystemExit("startup bench: gave up waiting")


def memory(pid):
    fields = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                fields[key] = int(value.split()[0]) / 1024.0
    return fields


def smtp_greeting(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
            return s.recv(512).startswith(b"220")
    except OSError:
        return False


def sip_options(port):
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.settimeout(0.05)
        s.bind(("127.0.0.1", 0))
        me = s.getsockname()[1]
        branch = "z9hG4bK-startup-%d" % time.monotonic_ns()
        s.sendto((f"OPTIONS sip:frontline@127.0.0.1:{port} SIP/2.0\r\n"
                  f"Via: SIP/2.0/UDP 127.0.0.1:{me};branch={branch}\r\nMax-Forwards: 70\r\n"
                  f"From: <sip:bench@127.0.0.1>;tag=1\r\nTo: <sip:frontline@127.0.0.1>\r\n"
                  f"Call-ID: {branch}@127.0.0.1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n").encode(),
                 ("127.0.0.1", port))
        try:
            return s.recv(2048).startswith(b"SIP/2.0 200")
        except OSError:
            return False


def measure(name, config):
    """Median figures over `runs` starts of serve with `config`; memory after calls on the last."""
    figures = {"smtp": [], "sip": [], "ready": [], "counts": [], "rss": [], "hwm": []}
    after_calls = None
    for run in range(runs):
        log_path = os.path.join(work, f"serve-{name}-{run}.log")
        log = open(log_path, "w")
        t0 = time.monotonic()
        serve = subprocess.Popen([frontline, "serve", "--config", config], stdout=log, stderr=subprocess.STDOUT)

        def text():
            with open(log_path) as f:
                return f.read()

        smtp_port = int(wait_for(lambda: re.search(r"listening: SMTP 127\.0\.0\.1:(\d+)", text())).group(1))
        sip_port = int(wait_for(lambda: re.search(r"listening: SIP udp 127\.0\.0\.1:(\d+)", text())).group(1))
        wait_for(lambda: smtp_greeting(smtp_port))
        figures["smtp"].append(time.monotonic() - t0)
        wait_for(lambda: sip_options(sip_port))
        figures["sip"].append(time.monotonic() - t0)
        wait_for(lambda: "ready; waiting" in text())
        figures["ready"].append(time.monotonic() - t0)
        wait_for(lambda: re.search(r"serve: store .* \(schema \d+\)", text()))
        figures["counts"].append(time.monotonic() - t0)
        m = memory(serve.pid)
        figures["rss"].append(m["VmRSS"])
        figures["hwm"].append(m["VmHWM"])
        if run == runs - 1 and calls > 0:
            subprocess.run(["sipp", f"127.0.0.1:{sip_port}", "-sn", "uac", "-i", "127.0.0.1", "-p", "0", "-nostdin",
                            "-r", "200", "-m", str(calls), "-timeout", "120"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            after_calls = memory(serve.pid)
        serve.terminate()
        serve.wait()
        log.close()
    med = {k: statistics.median(v) for k, v in figures.items()}
    if after_calls:
        med["rss_calls"] = after_calls["VmRSS"]
        med["hwm_calls"] = after_calls["VmHWM"]
    med["smtp_runs"] = figures["smtp"]
    return med


big = measure("store", write_config("store", store))
empty = measure("empty", write_config("empty", os.path.join(work, "empty.db")))


def row(label, key, unit, fmt):
    ratio = big[key] / empty[key] if empty.get(key) else float("nan")
    print(f"  {label:<34} {big[key]:{fmt}} {unit} (empty store {empty[key]:{fmt}} {unit}; ratio {ratio:.2f})")


print(f"startup on {store} ({runs} runs each, median; runs on it: " +
      ", ".join(f"{s:.2f}" for s in big["smtp_runs"]) + " s to the SMTP greeting); baseline: a new empty store")
row("SMTP connection answered (220):", "smtp", "s", ".3f")
row("SIP OPTIONS answered (200):", "sip", "s", ".3f")
row("desk ready (store open):", "ready", "s", ".3f")
row("store counts shown:", "counts", "s", ".3f")
row("resident memory once counted:", "rss", "MiB", ".0f")
if "rss_calls" in big and "rss_calls" in empty:
    row(f"resident memory after {calls} calls:", "rss_calls", "MiB", ".0f")
    row("peak resident memory:", "hwm_calls", "MiB", ".0f")
