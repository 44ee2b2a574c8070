#!/usr/bin/python3
"""Writes a wrk Lua script that replays one SigV4-signed IAM request, signed by botocore (the AWS
CLI v2's own signing code, vendored in Debian's awscli as awscli.botocore). A signature stays
valid for 15 minutes, so run wrk right after.

Usage: sign-request.py ENDPOINT ACCESS_KEY_ID SECRET ACTION [Name=Value ...] > request.lua
"""
import sys
from urllib.parse import urlencode

import awscli  # noqa: F401  (makes the CLI's vendored botocore importable as `botocore`)
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

endpoint, key, secret, action, *params = sys.argv[1:]
service, version = ("sts", "2011-06-15") if action == "GetCallerIdentity" else ("iam", "2010-05-08")
fields = {"Action": action, "Version": version, **dict(p.split("=", 1) for p in params)}
body = urlencode(fields)
request = AWSRequest(method="POST", url=endpoint + "/", data=body,
                     headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"})
SigV4Auth(Credentials(key, secret), service, "us-east-1").add_auth(request)
headers = "\n".join(f'wrk.headers["{k}"] = "{v}"' for k, v in request.headers.items() if k.lower() != "host")
print(f'wrk.method = "POST"\nwrk.body = "{body}"\n{headers}')
