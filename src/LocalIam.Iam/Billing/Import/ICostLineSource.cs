namespace LocalIam.Iam.Billing.Import;

/// <summary>
/// One line item of a report, as a CSV row or a Parquet row presents it. Texts are valid until the
/// next call (a reader may unquote into one scratch buffer); a value that does not parse is refused
/// with its line and column.
/// </summary>
internal interface ICostLineSource
{
    /// <summary>Whether the report has the field's column at all.</summary>
    bool Has(CostField field);

    /// <summary>The field's text; empty when the column is absent or the value empty.</summary>
    ReadOnlySpan<char> Text(CostField field);

    /// <summary>The field's number; 0 when the column is absent or the value empty.</summary>
    decimal Amount(CostField field);

    /// <summary>The UTC day of <see cref="CostField.UsageStartDate"/>.</summary>
    DateOnly UsageDay();

    /// <summary>The line's user tags, <c>key=value</c> sorted by key and joined by newlines.</summary>
    ReadOnlySpan<char> Tags();
}
