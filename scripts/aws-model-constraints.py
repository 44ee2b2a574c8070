#!/usr/bin/env python3
"""Writes data/aws-models/<service>-<version>.constraints.json from AWS's service models.

Every operation's input, flattened to the parameter names the Query protocol sends
(`UserName`, `Tags.member.N.Key`, `Map.entry.N.key`), each with what the model says about it:
type, required, min, max, pattern, enum, sensitive. LocalIam embeds the files and refuses what
they refuse before any handler runs; nothing at run time needs Python. Also the enumerations the
operations answer with (`outputEnums`, e.g. summaryKeyType, every key of GetAccountSummary's
SummaryMap), which tests hold LocalIam's answers to. And the result element each operation's
answer carries (`results`: the output's resultWrapper, sent even when the output has no member, as
UpdateRole's is).
And the output members the model types as ARNs (`outputArns`: element names, `Parent/member` for a
list of ARNs), which LocalIam writes in the partition the request was signed for.

Usage (from the repository root):
  scripts/aws-model-constraints.py --botocore ~/src/botocore
      a botocore checkout; the commit is read with git
  scripts/aws-model-constraints.py --data /usr/lib/python3/dist-packages/awscli/botocore/data \
      --source "Debian awscli 2.9.19 (vendored botocore data)"
      any botocore data folder (the one Debian's awscli package ships works)
  scripts/aws-model-constraints.py --model iam=/tmp/models/iam-2010-05-08.json \
      --model sts=/tmp/models/sts-2011-06-15.json --source "boto/botocore 0e6e2404..."
      single service-2.json files
"""

import argparse
import json
import os
import subprocess
import sys

SERVICES = {"iam": "2010-05-08", "sts": "2011-06-15"}
SCALARS = {"string", "integer", "long", "boolean", "timestamp", "blob", "float", "double"}
CONSTRAINTS = ("required", "min", "max", "pattern", "enum", "sensitive")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--botocore", help="a botocore checkout (its botocore/data is read)")
    parser.add_argument("--data", help="a botocore data folder holding <service>/<version>/service-2.json")
    parser.add_argument("--model", action="append", default=[], metavar="SERVICE=FILE", help="one service-2.json")
    parser.add_argument("--source", help="where the models come from, recorded in the output (default: the checkout's commit)")
    parser.add_argument("--out", default="data/aws-models", help="output folder (default: data/aws-models)")
    args = parser.parse_args()

    files = model_files(args)
    source = args.source or checkout_source(args.botocore)
    if not source:
        sys.exit("say where the models come from with --source (no git checkout to read a commit from)")

    os.makedirs(args.out, exist_ok=True)
    for service, path in files.items():
        with open(path, encoding="utf-8") as f:
            model = json.load(f)
        version = model["metadata"]["apiVersion"]
        out = os.path.join(args.out, f"{service}-{version}.constraints.json")
        with open(out, "w", encoding="utf-8", newline="\n") as f:
            f.write(render(service, version, f"{source} {relative_model_path(service, version)}", model))
        print(f"wrote {out}")


def model_files(args):
    if args.model:
        pairs = dict(m.split("=", 1) for m in args.model)
        return {s: pairs[s] for s in SERVICES if s in pairs}
    data = args.data or (args.botocore and os.path.join(args.botocore, "botocore", "data"))
    if not data:
        sys.exit("give --botocore, --data or --model")
    return {s: os.path.join(data, s, v, "service-2.json") for s, v in SERVICES.items()}


def checkout_source(botocore):
    if not botocore:
        return None
    try:
        commit = subprocess.run(["git", "-C", botocore, "rev-parse", "HEAD"], check=True, capture_output=True, text=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    return f"boto/botocore {commit}"


def relative_model_path(service, version):
    return f"botocore/data/{service}/{version}/service-2.json"


def render(service, version, source, model):
    shapes = model["shapes"]
    lines = [
        "{",
        f'  "generator": "scripts/aws-model-constraints.py",',
        f'  "source": {json.dumps(source)},',
        f'  "service": {json.dumps(service)},',
        f'  "version": {json.dumps(version)},',
        '  "operations": {',
    ]
    operations = sorted(model["operations"].items())
    for i, (name, operation) in enumerate(operations):
        rows = []
        if "input" in operation:
            flatten(shapes, operation["input"]["shape"], "", rows, [])
        comma = "," if i < len(operations) - 1 else ""
        if not rows:
            lines.append(f"    {json.dumps(name)}: []{comma}")
            continue
        lines.append(f"    {json.dumps(name)}: [")
        lines.extend(f"      {json.dumps(row, ensure_ascii=True)}{',' if j < len(rows) - 1 else ''}" for j, row in enumerate(rows))
        lines.append(f"    ]{comma}")
    enums = output_enums(shapes, [op["output"]["shape"] for _, op in operations if "output" in op])
    lines += ["  },", '  "outputEnums": {']
    lines.extend(f"    {json.dumps(name)}: {json.dumps(values, ensure_ascii=True)}{',' if i < len(enums) - 1 else ''}"
                 for i, (name, values) in enumerate(enums))
    results = [(name, op["output"]["resultWrapper"]) for name, op in operations if "resultWrapper" in op.get("output", {})]
    lines += ["  },", '  "results": {']
    lines.extend(f"    {json.dumps(name)}: {json.dumps(wrapper)}{',' if i < len(results) - 1 else ''}"
                 for i, (name, wrapper) in enumerate(results))
    arns = output_arns(shapes, [op["output"]["shape"] for _, op in operations if "output" in op])
    lines += ["  },", f'  "outputArns": {json.dumps(arns)}', "}", ""]
    return "\n".join(lines)


# The shapes whose values are ARNs: IAM's and STS's arnType, and an MFA device's serial number
# (an ARN for a virtual device).
ARN_SHAPES = {"arnType", "serialNumberType"}


def reachable(shapes, roots):
    """Every shape name reachable from the roots through structures, lists and maps, each once."""
    seen, todo = set(), list(roots)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        yield name
        shape = shapes[name]
        if shape["type"] == "structure":
            todo.extend(ref["shape"] for ref in shape["members"].values())
        elif shape["type"] == "list":
            todo.append(shape["member"]["shape"])
        elif shape["type"] == "map":
            todo += [shape["key"]["shape"], shape["value"]["shape"]]


def output_arns(shapes, roots):
    """The element names of output members whose shape is an ARN, sorted; `Parent/member` for lists of ARNs."""
    found = set()
    for name in reachable(shapes, roots):
        for member, ref in shapes[name].get("members", {}).items():
            target = shapes[ref["shape"]]
            wire = ref.get("locationName", member)
            if ref["shape"] in ARN_SHAPES:
                found.add(wire)
            elif target["type"] == "list" and target["member"]["shape"] in ARN_SHAPES:
                found.add(f"{wire}/{target['member'].get('locationName', 'member')}")
    return sorted(found)


def output_enums(shapes, roots):
    """Every enum shape reachable from the operations' outputs, sorted by name."""
    return sorted((name, shapes[name]["enum"]) for name in reachable(shapes, roots) if "enum" in shapes[name])


def flatten(shapes, shape_name, prefix, rows, stack):
    """Appends one row per member of the structure, recursing into lists, maps and structures."""
    if shape_name in stack:
        sys.exit(f"recursive input shape {' > '.join(stack + [shape_name])}: the flat table cannot hold it")
    shape = shapes[shape_name]
    required = set(shape.get("required", []))
    for member, ref in shape["members"].items():
        wire = ref.get("locationName", member)
        add(shapes, ref["shape"], prefix + wire, member in required, rows, stack + [shape_name])


def add(shapes, shape_name, path, required, rows, stack):
    shape = shapes[shape_name]
    kind = shape["type"]
    row = {"path": path, "shape": shape_name, "type": kind}
    if required:
        row["required"] = True
    for key in CONSTRAINTS[1:]:
        if key in shape:
            row[key] = shape[key]
    rows.append(row)
    if kind == "structure":
        flatten(shapes, shape_name, path + ".", rows, stack)
    elif kind == "list":
        if shape.get("flattened"):
            sys.exit(f"{path}: flattened lists are not used by IAM or STS; teach the script their wire names first")
        member = shape["member"]
        add(shapes, member["shape"], f"{path}.{member.get('locationName', 'member')}.N", False, rows, stack + [shape_name])
    elif kind == "map":
        add(shapes, shape["key"]["shape"], f"{path}.entry.N.{shape['key'].get('locationName', 'key')}", True, rows, stack + [shape_name])
        add(shapes, shape["value"]["shape"], f"{path}.entry.N.{shape['value'].get('locationName', 'value')}", True, rows, stack + [shape_name])
    elif kind not in SCALARS:
        sys.exit(f"{path}: unknown shape type {kind}")


if __name__ == "__main__":
    main()
