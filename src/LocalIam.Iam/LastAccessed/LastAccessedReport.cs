namespace LocalIam.Iam.LastAccessed;

/// <summary>
/// A generated service last accessed report, as stored and as the Get operations page it: the
/// services the entity's policies allowed when it was generated, each with the latest attempt in
/// the tracking period, and the users and roles it covers.
/// </summary>
public sealed record LastAccessedReport(
    string JobId,
    string Requester,
    string Arn,
    string Granularity,
    DateTime CreatedAt,
    DateTime CompletedAt,
    ReportError? Error,
    IReadOnlyList<ReportedService> Services,
    IReadOnlyList<ReportedEntity> Entities)
{
    public const string ServiceLevel = "SERVICE_LEVEL";
    public const string ActionLevel = "ACTION_LEVEL";

    /// <summary>LocalIam builds a report at once: it is complete, or failed, when GenerateServiceLastAccessedDetails answers.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Status => Error is null ? "COMPLETED" : "FAILED";
}

/// <summary>Why a report failed (ErrorDetails).</summary>
public sealed record ReportError(string Code, string Message);

/// <summary>
/// One service of a report (ServiceLastAccessed); <see cref="Attempts"/> holds each covered
/// entity's latest attempt at it, by index into the report's entities, for the entity details.
/// </summary>
public sealed record ReportedService(
    string Name,
    string Namespace,
    DateTime? LastAuthenticated,
    string? LastAuthenticatedEntity,
    string? LastAuthenticatedRegion,
    int TotalAuthenticatedEntities,
    IReadOnlyList<ReportedAction>? TrackedActions,
    IReadOnlyList<EntityAttempt> Attempts);

/// <summary>One tracked action of an ACTION_LEVEL report (TrackedActionLastAccessed); times are null when it was never attempted.</summary>
public sealed record ReportedAction(string ActionName, string? LastAccessedEntity, DateTime? LastAccessedTime, string? LastAccessedRegion);

/// <summary>A user or role a report covers (EntityInfo); <see cref="Type"/> is <c>USER</c> or <c>ROLE</c>.</summary>
public sealed record ReportedEntity(string Arn, string Name, string Type, string Id, string Path);

/// <summary>The latest attempt of the report's entity number <see cref="Entity"/> at one service.</summary>
public sealed record EntityAttempt(int Entity, DateTime At);

/// <summary>One row of GetServiceLastAccessedDetailsWithEntities: an entity and, when it tried, its latest attempt.</summary>
public sealed record EntityDetails(ReportedEntity Entity, DateTime? LastAuthenticated);
