namespace LocalIam.Iam.Billing.Import;

/// <summary>
/// Amortized and net amortized cost of one line item, by AWS's documented rule (the CUR query
/// library's "amortized cost" and Cost Explorer's AmortizedCost): Savings Plans and reservations
/// count at their effective cost where they apply, their unused part on their fee lines, and the
/// one-time fees not at all (they are spread over the lines that use them).
/// </summary>
internal static class Amortization
{
    public static (decimal Amortized, decimal NetAmortized) Of<TLine>(ref TLine line, ReadOnlySpan<char> lineItemType, decimal unblended, decimal netUnblended)
        where TLine : ICostLineSource, allows ref struct
    {
        switch (lineItemType)
        {
            case "SavingsPlanCoveredUsage":
                var effective = line.Amount(CostField.SavingsPlanEffectiveCost);
                return (effective, line.Has(CostField.SavingsPlanNetEffectiveCost) ? line.Amount(CostField.SavingsPlanNetEffectiveCost) : effective);
            case "SavingsPlanRecurringFee":
                var unused = line.Amount(CostField.SavingsPlanTotalCommitmentToDate) - line.Amount(CostField.SavingsPlanUsedCommitment);
                return (unused, unused);
            case "SavingsPlanNegation" or "SavingsPlanUpfrontFee":
                return (0, 0);
            case "DiscountedUsage":
                var riEffective = line.Amount(CostField.ReservationEffectiveCost);
                return (riEffective, line.Has(CostField.ReservationNetEffectiveCost) ? line.Amount(CostField.ReservationNetEffectiveCost) : riEffective);
            case "RIFee":
                var riUnused = line.Amount(CostField.ReservationUnusedAmortizedUpfrontFee) + line.Amount(CostField.ReservationUnusedRecurringFee);
                var netUnused = line.Has(CostField.ReservationNetUnusedAmortizedUpfrontFee) || line.Has(CostField.ReservationNetUnusedRecurringFee)
                    ? line.Amount(CostField.ReservationNetUnusedAmortizedUpfrontFee) + line.Amount(CostField.ReservationNetUnusedRecurringFee)
                    : riUnused;
                return (riUnused, netUnused);
            case "Fee" when !line.Text(CostField.ReservationArn).IsEmpty:
                // A reservation's upfront fee: amortized over the reservation's term.
                return (0, 0);
            default:
                return (unblended, netUnblended);
        }
    }
}
