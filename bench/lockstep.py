"""Runs two training programs in lockstep: one epoch of one, then one epoch of the other.

Each program must accept --lockstep: it prints "ready" when it waits for the next epoch, starts
that epoch when it reads a line from standard input, and exits when it is done. Alternating the
epochs gives both programs the same share of whatever else the machine is doing. On the shared
virtual machine of docs/benchmarks.md, the speed of one program changed by a third between runs.

Before it starts an epoch of one program, this script waits until the other program's process
uses less than 20 ms of CPU time in 200 ms, for at most 10 s. So a JIT compiler or garbage
collector still busy after an epoch does not slow the other side down. The order alternates
every round: A B, B A, A B, ...

Usage: python3 lockstep.py NAME_A LOG_A NAME_B LOG_B STDERR_B -- COMMAND_A... ::: COMMAND_B...
Standard output of each program goes to its log (without the "ready" lines) and, prefixed with its
name, to this script's standard output. Standard error of B goes to STDERR_B; that of A to ours.
Exits with 1 if a program fails.
"""
import os
import signal
import subprocess
import sys
import time

READY = "ready"
IDLE_WINDOW_S = 0.2
IDLE_CPU_S = 0.02
IDLE_TIMEOUT_S = 10.0
TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    """Returns the CPU seconds (user and system) of a process, or None after it exits."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            # The command name in field 2 may contain spaces, so count the fields after its ')'.
            fields = stat.read().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError):
        return None
    return (int(fields[11]) + int(fields[12])) / TICKS


def wait_until_idle(side):
    """Waits until the side's process is idle or has exited, or the timeout passes."""
    start = time.perf_counter()
    before = cpu_seconds(side.process.pid)
    while before is not None and time.perf_counter() - start < IDLE_TIMEOUT_S:
        time.sleep(IDLE_WINDOW_S)
        after = cpu_seconds(side.process.pid)
        if after is None or after - before < IDLE_CPU_S:
            return
        before = after
    if before is not None:
        waited = time.perf_counter() - start
        print(f"[lockstep] {side.name} still used the CPU after {waited:.1f} s. Starting the next"
              " epoch anyway.", flush=True)


class Side:
    def __init__(self, name, log_path, command, stderr, stderr_path):
        self.name = name
        self.stderr_path = stderr_path
        self.log = open(log_path, "w")
        self.process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr, text=True)
        self.finished = False

    def run_until_ready(self):
        """Copies output until the program waits for the next epoch or ends."""
        for line in self.process.stdout:
            if line.rstrip("\n") == READY:
                return
            self.log.write(line)
            self.log.flush()
            print(f"[{self.name}] {line}", end="", flush=True)
        self.finished = True
        self.process.stdin.close()

    def start_epoch(self):
        try:
            self.process.stdin.write("go\n")
            self.process.stdin.flush()
        except BrokenPipeError:
            self.finished = True
            return
        self.run_until_ready()


def split_commands(args):
    if "--" not in args or ":::" not in args:
        raise SystemExit(__doc__)
    names = args[:args.index("--")]
    rest = args[args.index("--") + 1:]
    if len(names) != 5:
        raise SystemExit(__doc__)
    first = rest[:rest.index(":::")]
    second = rest[rest.index(":::") + 1:]
    if not first or not second:
        raise SystemExit(__doc__)
    return names, first, second


def main():
    (name_a, log_a, name_b, log_b, stderr_b), command_a, command_b = split_commands(sys.argv[1:])
    # SIGTERM, like Ctrl-C, stops both programs on the way out.
    signal.signal(signal.SIGTERM, lambda number, frame: sys.exit(143))
    sides = []
    try:
        with open(stderr_b, "w") as errors_b:
            sides.append(start(name_a, log_a, command_a, None, "the output above"))
            sides.append(start(name_b, log_b, command_b, errors_b, stderr_b))
            for side in sides:
                side.run_until_ready()
            alternate(sides)
            broken = failed(sides)
    finally:
        for side in sides:
            if side.process.poll() is None:
                side.process.terminate()
            side.process.wait()
            side.log.close()
    for side in broken:
        print(f"{side.name} exited with status {side.process.returncode}. Its errors are in"
              f" {side.stderr_path}.", file=sys.stderr)
    sys.exit(1 if broken else 0)


def start(name, log_path, command, stderr, stderr_path):
    """Starts one side, or exits with a message naming the command that could not start."""
    try:
        return Side(name, log_path, command, stderr, stderr_path)
    except OSError as error:
        raise SystemExit(f"Failed to start {name} ({command[0]}): {error.strerror}. Check the"
                         " command and its path.")


def alternate(sides):
    """Runs one epoch of each side in turn until both are done or one has failed."""
    round_number = 0
    while not all(side.finished for side in sides) and not failed(sides):
        order = sides if round_number % 2 == 0 else sides[::-1]
        for side in order:
            if side.finished or failed(sides):
                continue
            for other in sides:
                if other is not side:
                    wait_until_idle(other)
            side.start_epoch()
        round_number += 1


def failed(sides):
    """Returns the sides whose program has exited with a non-zero status."""
    return [side for side in sides if side.finished and side.process.wait() != 0]


if __name__ == "__main__":
    main()
