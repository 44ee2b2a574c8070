using BenchmarkDotNet.Attributes;
using LocalIam.Policy.Evaluation;

namespace LocalIam.Benchmarks;

/// <summary>
/// The wildcard matcher behind Action, Resource, StringLike and ArnLike: two everyday patterns and
/// two a hostile caller can send (SimulateCustomPolicy takes policies of 131,072 characters and
/// resource ARNs of 2,048).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class WildcardBenchmarks
{
    private readonly string _resource = "arn:aws:s3:::example-bucket/home/alice/reports/2026/summary.csv";
    private readonly string _actionPattern = "*AccessKey*";
    private readonly string _action = "ListAccessKeys";

    // `*a` thirty times then `b`, against 5,000 `a`s: no match, and every star has work to do.
    private readonly string _starsPattern = string.Concat(Enumerable.Repeat("*a", 30)) + "b";
    private readonly string _longText = new('a', 5000);

    // One long literal run after a star, against 2,048 `a`s: a matcher that retries the run at every
    // position does 1,024 x 1,024 comparisons.
    private readonly string _longRunPattern = "*" + new string('a', 1024) + "b*";
    private readonly string _twoKiloA = new('a', 2048);

    // A policy-sized pattern (131,072 characters of `*a`, then `*b`) against a 2,048-character ARN.
    private readonly string _policySizedPattern = string.Concat(Enumerable.Repeat("*a", 65_535)) + "*b";
    private readonly string _maxArn = "arn:aws:s3:::" + new string('a', 2048 - 13);

    [Benchmark(Description = "resource: arn:aws:s3:::example-bucket/home/*")]
    public bool ResourcePrefix() => Wildcard.IsMatch("arn:aws:s3:::example-bucket/home/*", _resource, ignoreCase: false);

    [Benchmark(Description = "action: *AccessKey* (ignore case)")]
    public bool ActionInfix() => Wildcard.IsMatch(_actionPattern, _action, ignoreCase: true);

    [Benchmark(Description = "hostile: (*a)x30 b against 5,000 chars")]
    public bool ThirtyStars() => Wildcard.IsMatch(_starsPattern, _longText, ignoreCase: false);

    [Benchmark(Description = "hostile: *a{1024}b* against 2,048 a's")]
    public bool LongRun() => Wildcard.IsMatch(_longRunPattern, _twoKiloA, ignoreCase: false);

    [Benchmark(Description = "hostile: 131,072-char (*a)* pattern against a 2,048-char ARN")]
    public bool PolicySized() => Wildcard.IsMatch(_policySizedPattern, _maxArn, ignoreCase: false);
}
