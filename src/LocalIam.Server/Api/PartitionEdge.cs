using System.Xml.Linq;
using LocalIam.Aws.Errors;
using LocalIam.Aws.Query;
using LocalIam.Aws.SigV4;
using LocalIam.Aws.Validation;
using LocalIam.Iam.Errors;
using LocalIam.Policy.Authorization;

namespace LocalIam.Server.Api;

/// <summary>
/// The partition at the wire. The core stores and builds ARNs in <c>aws</c>; a request signed in
/// another partition (<c>cn-north-1</c>: <c>aws-cn</c>) sends and reads its own: its ARN parameters
/// are turned into the stored form here, and the ARNs of its answer and of its errors back into
/// its partition, as AWS's endpoints in that partition write them. An ARN parameter of another
/// partition is AWS's <c>ValidationError: Invalid ARN partition</c>.
/// </summary>
internal static class PartitionEdge
{
    private const string StoredPrefix = "arn:aws:";

    /// <summary>
    /// A signed request's partition is its signing region's. An unsigned call (the federation
    /// calls) signs nothing: the role it names says which partition the client meant.
    /// </summary>
    public static string Of(string? signingRegion, QueryRequest query)
    {
        if (signingRegion is not null)
        {
            return AwsPartitions.OfRegion(signingRegion) ?? ArnPartition.Stored;
        }

        return query.Get("RoleArn") is { } roleArn && ArnPartition.Of(roleArn) is { } named && AwsPartitions.IsKnown(named)
            ? named
            : ArnPartition.Stored;
    }

    /// <summary>The request with its ARN parameters in their stored form; throws when one names another partition.</summary>
    public static QueryRequest ToStored(QueryRequest query, ServiceConstraints model, string action, string partition)
    {
        var changed = false;
        var parameters = new List<KeyValuePair<string, string>>();
        foreach (var name in query.Names)
        {
            var value = query.Get(name)!;
            // Most values are not ARNs: the cheap test first, the model's lookup only for those that look like one.
            if (value.StartsWith("arn:", StringComparison.Ordinal) && model.IsArnInput(action, name) && ArnPartition.Of(value) is { } named)
            {
                if (named != partition && AwsPartitions.IsKnown(named))
                {
                    throw IamErrors.InvalidArnPartition();
                }

                var stored = ArnPartition.ToStored(value, partition);
                changed |= !ReferenceEquals(stored, value);
                value = stored;
            }

            parameters.Add(new(name, value));
        }

        return changed ? new QueryRequest(parameters) : query;
    }

    /// <summary>
    /// The answer with its ARN members (as the model types them) in the request's partition; the
    /// answer is read once here, as operations may give it as a lazy sequence.
    /// </summary>
    public static IEnumerable<object>? Show(IEnumerable<object>? content, IReadOnlySet<string> outputArns, string partition)
    {
        if (content is null || partition == ArnPartition.Stored)
        {
            return content;
        }

        var elements = content.ToList();
        foreach (var element in elements.OfType<XElement>().SelectMany(e => e.DescendantsAndSelf()))
        {
            if (element.HasElements || !IsArnMember(element, outputArns))
            {
                continue;
            }

            var shown = ArnPartition.Show(element.Value, partition);
            if (!ReferenceEquals(shown, element.Value))
            {
                element.Value = shown;
            }
        }

        return elements;
    }

    /// <summary>
    /// An error's message in the request's partition: the ARNs it quotes are the core's, stored as
    /// aws's (an ARN of another partition never got this far), while what the caller wrote is quoted
    /// as written: a value such as <c>RoleSessionName=arn:aws:x</c>, quoted whole by a validation
    /// error, keeps its <c>arn:aws:</c>. A malformed policy quotes the document, the caller's text,
    /// so only the ARN parameters translated on the way in (<paramref name="stored"/> against
    /// <paramref name="sent"/>) are shown again as sent.
    /// </summary>
    public static AwsError Show(AwsError error, string partition, QueryRequest sent, QueryRequest stored)
    {
        if (partition == ArnPartition.Stored || !error.Message.Contains(StoredPrefix, StringComparison.Ordinal))
        {
            return error;
        }

        if (error.Code != nameof(IamErrorCode.MalformedPolicyDocument))
        {
            var asWritten = sent.Names.Select(n => sent.Get(n)!).Where(v => v.Contains(StoredPrefix, StringComparison.Ordinal));
            return AwsErrors.WithArnsInPartition(error, partition, asWritten);
        }

        var translated = sent.Names.Select(n => (Stored: stored.Get(n), Sent: sent.Get(n)!)).Where(p => p.Stored is not null && p.Stored != p.Sent);
        return AwsErrors.WithArnsAsSent(error, translated.Select(p => (p.Stored!, p.Sent)));
    }

    private static bool IsArnMember(XElement element, IReadOnlySet<string> outputArns) =>
        outputArns.Contains(element.Name.LocalName)
        || (element.Parent is { } list && outputArns.Contains($"{list.Name.LocalName}/{element.Name.LocalName}"));
}
