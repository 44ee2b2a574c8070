#!/usr/bin/env python3
"""Writes a realistic legacy Cost and Usage Report (CSV) of N hourly line items, the same bytes for
the same N: one month (March 2024) of an account running EC2 (part covered by a Savings Plan),
EBS, S3, Lambda, RDS on a reservation, data transfer and Route 53 (a global charge), tagged by
project and team, with the month's tax and a credit at the end. The columns are those of a real
legacy CUR with resource IDs (about sixty), in the order AWS writes them."""

import argparse
import random

COLUMNS = [
    "identity/LineItemId", "identity/TimeInterval", "bill/InvoiceId", "bill/InvoicingEntity", "bill/BillingEntity",
    "bill/BillType", "bill/PayerAccountId", "bill/BillingPeriodStartDate", "bill/BillingPeriodEndDate",
    "lineItem/UsageAccountId", "lineItem/LineItemType", "lineItem/UsageStartDate", "lineItem/UsageEndDate",
    "lineItem/ProductCode", "lineItem/UsageType", "lineItem/Operation", "lineItem/AvailabilityZone",
    "lineItem/ResourceId", "lineItem/UsageAmount", "lineItem/NormalizationFactor", "lineItem/NormalizedUsageAmount",
    "lineItem/CurrencyCode", "lineItem/UnblendedRate", "lineItem/UnblendedCost", "lineItem/BlendedRate",
    "lineItem/BlendedCost", "lineItem/NetUnblendedCost", "lineItem/LineItemDescription", "lineItem/TaxType",
    "lineItem/LegalEntity", "product/ProductName", "product/instanceType", "product/location", "product/locationType",
    "product/region", "product/regionCode", "product/servicecode", "product/sku", "product/usagetype",
    "product/operation", "product/productFamily", "pricing/RateCode", "pricing/RateId", "pricing/currency",
    "pricing/publicOnDemandCost", "pricing/publicOnDemandRate", "pricing/term", "pricing/unit",
    "reservation/EffectiveCost", "reservation/ReservationARN", "reservation/UnusedAmortizedUpfrontFeeForBillingPeriod",
    "reservation/UnusedRecurringFee", "savingsPlan/SavingsPlanARN", "savingsPlan/SavingsPlanEffectiveCost",
    "savingsPlan/SavingsPlanRate", "savingsPlan/TotalCommitmentToDate", "savingsPlan/UsedCommitment",
    "resourceTags/user:Project", "resourceTags/user:Team", "resourceTags/user:Environment",
]

ACCOUNT = "111122223333"
REGIONS = [("us-east-1", "US East (N. Virginia)", "USE1-"), ("us-west-2", "US West (Oregon)", "USW2-"), ("eu-west-1", "EU (Ireland)", "EU-")]
PROJECTS = ["storefront", "checkout", "analytics", "search", ""]
TEAMS = ["web", "data", "platform"]
ENVIRONMENTS = ["prod", "staging"]
SP_ARN = "arn:aws:savingsplans::111122223333:savingsplan/3f6c2a4e-7b1d-4c55-9a0e-2d8b1f0c9e11"
RI_ARN = "arn:aws:rds:us-east-1:111122223333:ri:prod-db-ri"


def resources(rng):
    """The account's billable things: (kind, fields) where fields fill the row but the hour and amounts."""
    out = []
    for i in range(400):
        region, location, prefix = REGIONS[i % 3]
        itype, rate = (("t3.medium", 0.0416), ("m5.large", 0.096), ("c5.xlarge", 0.17))[i % 3]
        covered = i % 4 == 0
        out.append(dict(code="AmazonEC2", name="Amazon Elastic Compute Cloud", region=region, location=location,
                        usage=f"{prefix}BoxUsage:{itype}".replace("USE1-", ""), op="RunInstances", az=region + "abc"[i % 3],
                        res=f"i-{rng.getrandbits(68):017x}", amount=1.0, rate=rate, unit="Hrs", family="Compute Instance",
                        itype=itype, desc=f"${rate} per On Demand Linux {itype} Instance Hour",
                        kind="sp" if covered else "usage", i=i))
        out.append(dict(code="AmazonEC2", name="Amazon Elastic Compute Cloud", region=region, location=location,
                        usage=f"{prefix}EBS:VolumeUsage.gp3".replace("USE1-", ""), op="CreateVolume-Gp3", az=region + "abc"[i % 3],
                        res=f"vol-{rng.getrandbits(68):017x}", amount=round(rng.uniform(20, 500) / 720, 8), rate=0.08, unit="GB-Mo",
                        family="Storage", itype="", desc="$0.08 per GB-month of General Purpose (gp3) provisioned storage",
                        kind="usage", i=i))
    for i in range(150):
        region, location, prefix = REGIONS[i % 3]
        bucket = f"company-{('logs', 'assets', 'backups')[i % 3]}-{i}"
        out.append(dict(code="AmazonS3", name="Amazon Simple Storage Service", region=region, location=location,
                        usage=f"{prefix}TimedStorage-ByteHrs".replace("USE1-", ""), op="StandardStorage", az="",
                        res=bucket, amount=round(rng.uniform(1, 2000) / 720, 8), rate=0.023, unit="GB-Mo",
                        family="Storage", itype="", desc="$0.023 per GB - first 50 TB / month of storage used",
                        kind="usage", i=i))
        out.append(dict(code="AmazonS3", name="Amazon Simple Storage Service", region=region, location=location,
                        usage=f"{prefix}Requests-Tier1".replace("USE1-", ""), op="PutObject", az="",
                        res=bucket, amount=float(rng.randint(10, 5000)), rate=0.000005, unit="Requests",
                        family="API Request", itype="", desc="$0.005 per 1,000 PUT, COPY, POST, or LIST requests",
                        kind="usage", i=i))
    for i in range(100):
        region, location, prefix = REGIONS[i % 3]
        out.append(dict(code="AWSLambda", name="AWS Lambda", region=region, location=location,
                        usage=f"{prefix}Lambda-GB-Second".replace("USE1-", ""), op="Invoke", az="",
                        res=f"arn:aws:lambda:{region}:{ACCOUNT}:function:service-{i}", amount=round(rng.uniform(10, 3600), 6),
                        rate=0.0000166667, unit="Lambda-GB-Second", family="Serverless", itype="",
                        desc="AWS Lambda - Total Compute - US East (Northern Virginia)", kind="usage", i=i))
        out.append(dict(code="AWSDataTransfer", name="AWS Data Transfer", region=region, location=location,
                        usage=f"{prefix}DataTransfer-Out-Bytes".replace("USE1-", ""), op="PublicIP-Out", az="",
                        res=f"i-{rng.getrandbits(68):017x}", amount=round(rng.uniform(0.001, 2), 8), rate=0.09, unit="GB",
                        family="Data Transfer", itype="", desc="$0.090 per GB - first 10 TB / month data transfer out beyond the global free tier",
                        kind="usage", i=i))
    for i in range(20):
        out.append(dict(code="AmazonRDS", name="Amazon Relational Database Service", region="us-east-1",
                        location="US East (N. Virginia)", usage="HeavyUsage:db.r5.large", op="CreateDBInstance:0002", az="us-east-1a",
                        res=f"arn:aws:rds:us-east-1:{ACCOUNT}:db:orders-{i}", amount=1.0, rate=0.0, unit="Hrs",
                        family="Database Instance", itype="db.r5.large", desc="MySQL, db.r5.large reserved instance applied",
                        kind="ri", i=i))
    for i in range(24):
        out.append(dict(code="AmazonRoute53", name="Amazon Route 53", region="", location="Global", usage="HostedZone",
                        op="CreateHostedZone", az="", res=f"arn:aws:route53:::hostedzone/Z{rng.getrandbits(60):015X}",
                        amount=round(1 / 720, 8), rate=0.5, unit="HostedZone", family="DNS Zone", itype="",
                        desc="$0.50 per Hosted Zone for the first 25 Hosted Zones", kind="usage", i=i))
    return out


def row(lid, start, end, item_type, r, amount, cost, extra):
    """One CSV line; extra fills the reservation and Savings Plans columns."""
    untagged = r["kind"] in ("tax", "credit", "fee")
    tags = ["", "", ""] if untagged else [PROJECTS[r["i"] % 5], TEAMS[r["i"] % 3], ENVIRONMENTS[r["i"] % 2]]
    desc = r["desc"] if item_type != "SavingsPlanNegation" else f"SavingsPlanNegation used by AccountId : {ACCOUNT} and UsageSku : {r['usage']}"
    fields = [
        lid, f"{start}/{end}", "", "Amazon Web Services, Inc.", "AWS", "Anniversary", ACCOUNT,
        "2024-03-01T00:00:00Z", "2024-04-01T00:00:00Z", ACCOUNT, item_type, start, end, r["code"], r["usage"], r["op"],
        r["az"], r["res"], f"{amount:.10g}", "", "", "USD", f"{r['rate']:.10g}", f"{cost:.10f}", f"{r['rate']:.10g}",
        f"{cost:.10f}", f"{cost:.10f}", desc, "", "Amazon Web Services, Inc.",
        r["name"], r["itype"], r["location"], "AWS Region" if r["region"] else "", r["region"], r["region"], r["code"],
        "K7Z9" + str(r["i"]), r["usage"], r["op"], r["family"], "K7Z9.JRTCKXETXF.6YS6EN2CT7", "2187764",
        "USD", f"{r['rate'] * amount:.10f}", f"{r['rate']:.10g}", "OnDemand", r["unit"],
    ] + extra + tags
    return ",".join(quote(f) for f in fields)


def quote(field):
    """CSV quoting as AWS writes it: only fields with a comma or a quote."""
    return '"' + field.replace('"', '""') + '"' if "," in field or '"' in field else field


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    rng = random.Random(20240301)
    things = resources(rng)
    empty_extra = [""] * 9
    written = 0
    with open(args.out, "w", encoding="utf-8", newline="\n") as out:
        out.write(",".join(COLUMNS) + "\n")
        hour = 0
        while written < args.lines - 4:
            day, h = divmod(hour % (31 * 24), 24)
            start = f"2024-03-{day + 1:02d}T{h:02d}:00:00Z"
            end = f"2024-03-{day + 1:02d}T{h:02d}:59:59Z" if h < 23 else f"2024-03-{day + 1:02d}T23:59:59Z"
            sp_used = 0.0
            for r in things:
                if written >= args.lines - 4:
                    break
                amount = r["amount"] * (0.9 + rng.random() * 0.2) if r["unit"] not in ("Hrs",) else 1.0
                cost = round(amount * r["rate"], 10)
                lid = f"{rng.getrandbits(100):025x}"
                if r["kind"] == "sp":
                    effective = round(cost * 0.72, 10)
                    sp_used += effective
                    extra = ["", "", "", "", SP_ARN, f"{effective:.10f}", f"{r['rate'] * 0.72:.10g}", "", ""]
                    out.write(row(lid, start, end, "SavingsPlanCoveredUsage", r, amount, cost, extra) + "\n")
                    out.write(row(f"{rng.getrandbits(100):025x}", start, end, "SavingsPlanNegation", r, amount, -cost, extra) + "\n")
                    written += 2
                elif r["kind"] == "ri":
                    extra = [f"{0.11:.10f}", RI_ARN, "", "", "", "", "", "", ""]
                    out.write(row(lid, start, end, "DiscountedUsage", r, amount, 0.0, extra) + "\n")
                    written += 1
                else:
                    out.write(row(lid, start, end, "Usage", r, amount, cost, empty_extra) + "\n")
                    written += 1
            if sp_used and written < args.lines - 4:
                sp = dict(code="ComputeSavingsPlans", name="Savings Plans for AWS Compute usage", region="", location="Any",
                          usage="ComputeSP:1yrNoUpfront", op="", az="", res=SP_ARN, amount=1.0, rate=12.0, unit="Hrs",
                          family="", itype="", desc="1 year No Upfront Compute Savings Plan", kind="fee", i=0)
                extra = ["", "", "", "", SP_ARN, "", "", "12.0000000000", f"{min(sp_used, 12.0):.10f}"]
                out.write(row(f"{rng.getrandbits(100):025x}", start, end, "SavingsPlanRecurringFee", sp, 1.0, 12.0, extra) + "\n")
                written += 1
            hour += 1
        # The month's end: tax per service, a promotional credit, the reservation's monthly fee.
        month_end = ("2024-03-01T00:00:00Z", "2024-04-01T00:00:00Z")
        for code, name, amount in (("AmazonEC2", "Amazon Elastic Compute Cloud", 812.44), ("AmazonS3", "Amazon Simple Storage Service", 41.02)):
            r = dict(code=code, name=name, region="", location="", usage="", op="", az="", res="", amount=0.0, rate=0.0,
                     unit="", family="", itype="", desc="Tax for product code " + code, kind="tax", i=0)
            out.write(row(f"{rng.getrandbits(100):025x}", *month_end, "Tax", r, 0.0, amount, empty_extra) + "\n")
        credit = dict(code="AmazonEC2", name="Amazon Elastic Compute Cloud", region="", location="", usage="", op="", az="", res="",
                      amount=0.0, rate=0.0, unit="", family="", itype="", desc="AWS Activate credits", kind="credit", i=0)
        out.write(row(f"{rng.getrandbits(100):025x}", *month_end, "Credit", credit, 0.0, -300.0, empty_extra) + "\n")
        fee = dict(code="AmazonRDS", name="Amazon Relational Database Service", region="us-east-1", location="US East (N. Virginia)",
                   usage="HeavyUsage:db.r5.large", op="CreateDBInstance:0002", az="", res=RI_ARN, amount=14880.0, rate=0.11, unit="Hrs",
                   family="Database Instance", itype="db.r5.large", desc="Reserved instance monthly fee", kind="fee", i=0)
        out.write(row(f"{rng.getrandbits(100):025x}", *month_end, "RIFee", fee, 14880.0, 1636.8,
                      ["", RI_ARN, "0.0000000000", "0.0000000000", "", "", "", "", ""]) + "\n")


if __name__ == "__main__":
    main()
