namespace LocalIam.Iam.Errors;

/// <summary>
/// The access reports' errors (service last accessed and Organizations). AWS's texts are not
/// recorded; these are LocalIam's, in AWS's form (docs/api.md, "Last accessed information").
/// </summary>
public static partial class IamErrors
{
    /// <summary>No such job, or one another principal (or another session of the role) generated: AWS shows a report only to its generator.</summary>
    public static IamException AccessReportNotFound(string jobId) => new(IamErrorCode.NoSuchEntity, $"The report with job id {jobId} cannot be found.");

    /// <summary>The Error of a report job that failed because it would name more entities than LocalIam reports on.</summary>
    public static IamException AccessReportTooLarge(string arn, int entities, int limit) =>
        new(IamErrorCode.LimitExceeded, $"The report for {arn} would include {entities} entities; a report can include at most {limit}.");
}
