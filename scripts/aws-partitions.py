#!/usr/bin/env python3
"""Writes data/aws-models/partitions.json from botocore's endpoint data.

Per AWS partition (aws, aws-cn, aws-us-gov, ...): its regions, and the region IAM's global
endpoint is signed for (IAM has one endpoint per partition: us-east-1 in aws, cn-north-1 in
aws-cn, us-gov-west-1 in aws-us-gov; none where botocore knows no IAM endpoint). LocalIam reads
the partition of a request from its signing region, as AWS's endpoints do.

Usage (from the repository root):
  scripts/aws-partitions.py --botocore ~/src/botocore
  scripts/aws-partitions.py --partitions partitions.json --endpoints endpoints.json --source "boto/botocore <commit>"
"""

import argparse
import json
import os
import subprocess
import sys


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--botocore", help="a botocore checkout (botocore/data is read)")
    parser.add_argument("--partitions", help="botocore/data/partitions.json")
    parser.add_argument("--endpoints", help="botocore/data/endpoints.json")
    parser.add_argument("--source", help="where the data comes from (default: the checkout's commit)")
    parser.add_argument("--out", default="data/aws-models/partitions.json")
    args = parser.parse_args()

    data = args.botocore and os.path.join(args.botocore, "botocore", "data")
    partitions_file = args.partitions or (data and os.path.join(data, "partitions.json"))
    endpoints_file = args.endpoints or (data and os.path.join(data, "endpoints.json"))
    if not partitions_file or not endpoints_file:
        sys.exit("give --botocore, or --partitions and --endpoints")
    source = args.source or commit_of(args.botocore)
    if not source:
        sys.exit("say where the data comes from with --source")

    with open(partitions_file, encoding="utf-8") as f:
        partitions = json.load(f)["partitions"]
    with open(endpoints_file, encoding="utf-8") as f:
        endpoints = {p["partition"]: p for p in json.load(f)["partitions"]}

    rows = []
    for partition in sorted(partitions, key=lambda p: (p["id"] != "aws", p["id"])):
        pid = partition["id"]
        regions = sorted(r for r in partition["regions"] if not r.endswith("-global"))
        iam = endpoints.get(pid, {}).get("services", {}).get("iam", {})
        global_endpoint = iam.get("endpoints", {}).get(iam.get("partitionEndpoint", ""), {})
        rows.append({"id": pid, "iamSigningRegion": global_endpoint.get("credentialScope", {}).get("region"), "regions": regions})

    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write("{\n")
        f.write('  "generator": "scripts/aws-partitions.py",\n')
        f.write(f'  "source": {json.dumps(source + " botocore/data/partitions.json, botocore/data/endpoints.json")},\n')
        f.write('  "partitions": [\n')
        f.write(",\n".join(f"    {json.dumps(row)}" for row in rows))
        f.write("\n  ]\n}\n")
    print(f"wrote {args.out}")


def commit_of(botocore):
    if not botocore:
        return None
    try:
        return "boto/botocore " + subprocess.run(["git", "-C", botocore, "rev-parse", "HEAD"], check=True, capture_output=True, text=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


if __name__ == "__main__":
    main()
