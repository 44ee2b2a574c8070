"""Runs AWS CLI v2 commands, one after another, in one interpreter: the CLI's own entry point
(awscli.clidriver.AWSCLIEntryPoint, what /usr/bin/aws calls) without the ~0.8 s of start-up each
new process pays. Driven by tests/LocalIam.E2E.Tests/Support/AwsCliHost.cs.

Reads one JSON request per line on stdin, {"args": [...], "env": {...}}, and answers one JSON line
on stdout, {"exit": N, "out": "...", "err": "..."}. Each command gets a fresh CLI session, the given
environment only (for the AWS_* variables), and its own captured standard output and error.
"""
import io
import json
import os
import sys

import awscli.clidriver

# The protocol keeps its own copies of standard input and output; the CLI's descriptors 0 and 1 read
# and write nothing, so no stray read or write of the CLI's can block or break a reply.
requests = os.fdopen(os.dup(0), "r", encoding="utf-8")
protocol = os.fdopen(os.dup(1), "w", encoding="utf-8")
_null = os.open(os.devnull, os.O_RDWR)
os.dup2(_null, 0)
os.dup2(_null, 1)
sys.stdin = sys.__stdin__ = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
# Importing awscli sets AWS_DATA_PATH to its own models; every other AWS_* variable is the caller's.
base_environment = {k: v for k, v in os.environ.items() if not k.startswith("AWS_") or k == "AWS_DATA_PATH"}


_stdout, _stderr = sys.stdout, sys.stderr


def run(args, env):
    os.environ.clear()
    os.environ.update(base_environment)
    os.environ.update(env)
    out, err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8"), io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
    sys.stdout, sys.stderr = out, err
    try:
        code = awscli.clidriver.AWSCLIEntryPoint().main(args)
    except SystemExit as e:  # argparse's usage errors exit
        code = e.code if isinstance(e.code, int) else 255
    finally:
        sys.stdout, sys.stderr = _stdout, _stderr
    out.flush()
    err.flush()
    return code or 0, out.buffer.getvalue().decode("utf-8", "replace"), err.buffer.getvalue().decode("utf-8", "replace")


for line in requests:
    request = json.loads(line)
    code, out, err = run(request["args"], request["env"])
    protocol.write(json.dumps({"exit": code, "out": out, "err": err}) + "\n")
    protocol.flush()
