"""Runs two training programs in lockstep: one epoch of one, then one epoch of the other.

Each program must accept --lockstep: it prints "ready" when it waits for the next epoch, starts
that epoch when it reads a line from standard input, and exits when it is done. Alternating the
epochs gives both programs the same share of whatever else the machine is doing. On the shared
virtual machine of docs/benchmarks.md, the speed of one program changed by about a third
between runs.

Before it starts an epoch of one program, this script waits until the other program's process
uses less than 20 ms of CPU time in 200 ms, for at most 10 s. So a JIT compiler or garbage
collector still busy after an epoch does not slow the other side down. The order alternates
every round: A B, B A, A B, ...

Usage: python3 lockstep.py NAME_A LOG_A NAME_B LOG_B STDERR_B -- COMMAND_A... ::: COMMAND_B...
Standard output of each program goes to its log (without the "ready" lines) and, prefixed with its
name, to this script's standard output. Standard error of B goes to STDERR_B; that of A to ours.
Exits with 1 if a program fails, 2 on invalid arguments, 130 or 143 when interrupted.
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
STOP_TIMEOUT_S = 10.0
TICKS = os.sysconf("SC_CLK_TCK")
USAGE = ("Usage: python3 lockstep.py NAME_A LOG_A NAME_B LOG_B STDERR_B -- COMMAND_A..."
         " ::: COMMAND_B...")


def cpu_seconds(pid):
    """Returns the CPU seconds (user and system) of a process, or None after it exits.

    NOTE: reads /proc, so on systems without it (macOS) every process counts as idle at once.
    """
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
    """One of the two programs: its process, its log and whether it has ended."""

    def __init__(self, name, log, command, stderr, stderr_path):
        self.name = name
        self.log = log
        self.stderr_path = stderr_path
        # A session of its own, so that stopping a side also stops the processes it started.
        self.process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr, text=True,
            errors="replace", start_new_session=True)
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
        try:
            self.process.stdin.close()
        except BrokenPipeError:
            pass

    def start_epoch(self):
        """Writes the line that starts the next epoch and copies output until the program waits."""
        try:
            self.process.stdin.write("go\n")
            self.process.stdin.flush()
        except BrokenPipeError:
            # The program ended before reading the line; keep what it printed before that.
            pass
        self.run_until_ready()

    def stop(self):
        """Stops the program's process group, with SIGKILL if SIGTERM has not ended it in 10 s."""
        if self.process.poll() is None:
            signal_group(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                print(f"[lockstep] {self.name} still ran {STOP_TIMEOUT_S:.0f} s after SIGTERM."
                      " Sending SIGKILL.", flush=True)
                signal_group(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def status(self):
        """Describes how the program ended, for the error message."""
        code = self.process.returncode
        if code < 0:
            return f"was killed by {signal.Signals(-code).name}"
        return f"exited with status {code}"


def signal_group(pid, number):
    """Sends a signal to the process group of a side, unless it has already ended."""
    try:
        os.killpg(pid, number)
    except ProcessLookupError:
        pass


def usage_error(message):
    """Prints the message and the usage line, and exits with status 2."""
    print(f"{message}\n{USAGE}", file=sys.stderr)
    sys.exit(2)


def split_commands(args):
    """Returns the five names and paths, command A and command B, or exits with a usage error."""
    if args in (["-h"], ["--help"]):
        print(__doc__)
        sys.exit(0)
    if "--" not in args:
        usage_error("Missing '--' after STDERR_B.")
    names = args[:args.index("--")]
    rest = args[args.index("--") + 1:]
    if len(names) != 5:
        usage_error(f"Expected 5 arguments before '--' (NAME_A LOG_A NAME_B LOG_B STDERR_B),"
                    f" got {len(names)}.")
    if ":::" not in rest:
        usage_error("Missing ':::' between COMMAND_A and COMMAND_B.")
    first = rest[:rest.index(":::")]
    second = rest[rest.index(":::") + 1:]
    if not first:
        usage_error("COMMAND_A is empty: put it between '--' and ':::'.")
    if not second:
        usage_error("COMMAND_B is empty: put it after ':::'.")
    return names, first, second


def open_output(path, description):
    """Opens a log for writing, or exits with a message naming the path and what it is for."""
    try:
        return open(path, "w")
    except OSError as error:
        raise SystemExit(f"Failed to open {path} ({description}): {error.strerror}.")


def main():
    (name_a, log_a, name_b, log_b, stderr_b), command_a, command_b = split_commands(sys.argv[1:])
    # SIGTERM, like Ctrl-C, stops both programs on the way out.
    signal.signal(signal.SIGTERM, lambda number, frame: sys.exit(143))
    outputs = [
        open_output(log_a, f"the log of {name_a}"),
        open_output(log_b, f"the log of {name_b}"),
        open_output(stderr_b, f"the standard error of {name_b}"),
    ]
    sides = []
    try:
        sides.append(start(name_a, outputs[0], command_a, None, "the output above"))
        sides.append(start(name_b, outputs[1], command_b, outputs[2], stderr_b))
        for side in sides:
            side.run_until_ready()
        alternate(sides)
        broken = failed(sides)
    except KeyboardInterrupt:
        print("[lockstep] Interrupted. Stopping both programs.", file=sys.stderr, flush=True)
        raise SystemExit(130)
    finally:
        # A second signal must not cut the clean-up short and leave a program running.
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        for side in sides:
            side.stop()
        for output in outputs:
            output.close()
    for side in broken:
        print(f"{side.name} {side.status()}. Its errors are in {side.stderr_path}.",
              file=sys.stderr)
    sys.exit(1 if broken else 0)


def start(name, log, command, stderr, stderr_path):
    """Starts one side, or exits with a message naming the command that could not start."""
    try:
        return Side(name, log, command, stderr, stderr_path)
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
