using LocalIam.Policy.Text;

namespace LocalIam.Policy.Model;

/// <summary>One operator and key with its values, e.g. <c>"StringEquals": {"aws:username": ["a", "b"]}</c>.</summary>
public sealed record ConditionClause(SpannedString Operator, SpannedString Key, IReadOnlyList<SpannedString> Values);
