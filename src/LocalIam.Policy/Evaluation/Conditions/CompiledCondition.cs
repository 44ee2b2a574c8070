using System.Net;
using LocalIam.Policy.Model;

namespace LocalIam.Policy.Evaluation.Conditions;

/// <summary>
/// One condition key under one operator, values parsed for its family. <see cref="Holds"/> applies
/// AWS's rules for missing keys, <c>IfExists</c>, set qualifiers and negation.
/// </summary>
internal sealed class CompiledCondition
{
    private readonly Operand[] _operands;

    public CompiledCondition(ParsedOperator op, ConditionClause clause, bool variablesEnabled)
    {
        Operator = op;
        Clause = clause;
        Key = clause.Key.Value;
        _operands = new Operand[clause.Values.Count];
        for (var i = 0; i < _operands.Length; i++)
        {
            _operands[i] = Operand.Parse(op.Info, clause.Values[i].Value, variablesEnabled);
        }
    }

    public ParsedOperator Operator { get; }

    public ConditionClause Clause { get; }

    public string Key { get; }

    public bool Holds(RequestContext context)
    {
        // For set operators and Null, an empty list or an empty string is an empty (null) data set;
        // for the other operators an empty string is a value (AWS's S3 example matches `""`).
        var info = Operator.Info;
        var setLike = Operator.Qualifier != SetQualifier.None || info.Family == ConditionFamily.Null;
        var present = context.TryGet(Key, out var value) && value.Items.Length > 0 && !(setLike && value.IsEmpty);
        if (info.Family == ConditionFamily.Null)
        {
            // "Null": true means the key must be absent, false that it must be present.
            foreach (var operand in _operands)
            {
                if (operand.Boolean is { } wantAbsent && wantAbsent != present)
                {
                    return true;
                }
            }

            return false;
        }

        if (!present)
        {
            return Operator.IfExists || Operator.Qualifier switch
            {
                SetQualifier.ForAllValues => true,
                SetQualifier.ForAnyValue => false,
                _ => info.IsNegated,
            };
        }

        var count = value!.Items.Length;
        switch (Operator.Qualifier)
        {
            case SetQualifier.ForAllValues:
                for (var i = 0; i < count; i++)
                {
                    if (MatchesAny(value, i, context) == info.IsNegated)
                    {
                        return false;
                    }
                }

                return true;
            case SetQualifier.ForAnyValue:
                for (var i = 0; i < count; i++)
                {
                    if (MatchesAny(value, i, context) != info.IsNegated)
                    {
                        return true;
                    }
                }

                return false;
            default:
                var any = false;
                for (var i = 0; i < count && !any; i++)
                {
                    any = MatchesAny(value, i, context);
                }

                return any != info.IsNegated;
        }
    }

    /// <summary>Several values for one key are ORed: true when the request value matches one of them.</summary>
    private bool MatchesAny(ContextValue value, int index, RequestContext context)
    {
        foreach (var operand in _operands)
        {
            if (operand.Matches(Operator.Info, value, index, context))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>One policy value, parsed once for the operator's family.</summary>
    private sealed class Operand
    {
        private Template? _template;
        private decimal? _number;
        private DateTimeOffset? _date;
        private IPNetwork? _network;
        private byte[]? _bytes;

        public bool? Boolean { get; private set; }

        public static Operand Parse(ConditionOperatorInfo info, string text, bool variablesEnabled)
        {
            var operand = new Operand();
            switch (info.Family)
            {
                case ConditionFamily.String or ConditionFamily.Arn:
                    operand._template = Template.Parse(text, variablesEnabled && info.AllowsVariables);
                    break;
                case ConditionFamily.Numeric when ConditionValueParser.TryParseNumber(text, out var number):
                    operand._number = number;
                    break;
                case ConditionFamily.Date when ConditionValueParser.TryParseDate(text, out var date):
                    operand._date = date;
                    break;
                case ConditionFamily.Bool or ConditionFamily.Null:
                    if (ConditionValueParser.TryParseBool(text, out var boolean))
                    {
                        operand.Boolean = boolean;
                    }
                    else if (info.Family == ConditionFamily.Bool)
                    {
                        operand._template = Template.Parse(text, variablesEnabled);
                    }

                    break;
                case ConditionFamily.IpAddress when ConditionValueParser.TryParseNetwork(text, out var network):
                    operand._network = network;
                    break;
                case ConditionFamily.Binary when ConditionValueParser.TryParseBinary(text, out var bytes):
                    operand._bytes = bytes;
                    break;
            }

            return operand;
        }

        public bool Matches(ConditionOperatorInfo info, ContextValue value, int index, RequestContext context)
        {
            if (info.Family == ConditionFamily.IpAddress)
            {
                context.Budget?.Spend(32);
                return _network is { } network && value.AddressAt(index) is { } address
                    && !ReferenceEquals(address, ContextValue.NotAnAddress) && network.Contains(address);
            }

            // Strings and ARNs charge their own matching; the other families read the value once.
            if (info.Family is not (ConditionFamily.String or ConditionFamily.Arn))
            {
                context.Budget?.Spend(value.Items[index].Length + 32);
            }

            return Matches(info, value.Items[index], context);
        }

        private bool Matches(ConditionOperatorInfo info, string requestValue, RequestContext context) => info.Family switch
        {
            ConditionFamily.String => info.Comparison switch
            {
                Comparison.Like => _template!.IsLike(requestValue, context, ignoreCase: false),
                Comparison.EqualsIgnoreCase => _template!.IsEqual(requestValue, context, ignoreCase: true),
                _ => _template!.IsEqual(requestValue, context, ignoreCase: false),
            },
            ConditionFamily.Arn => _template!.IsArnLike(requestValue, context),
            ConditionFamily.Numeric => _number is { } number && ConditionValueParser.TryParseNumber(requestValue, out var actual)
                && Compare(actual.CompareTo(number), info.Comparison),
            ConditionFamily.Date => _date is { } date && ConditionValueParser.TryParseDate(requestValue, out var when)
                && Compare(when.CompareTo(date), info.Comparison),
            ConditionFamily.Bool => ConditionValueParser.TryParseBool(requestValue, out var flag)
                && (Boolean is { } expected ? flag == expected : _template is not null && _template.IsEqual(requestValue, context, ignoreCase: true)),
            ConditionFamily.Binary => _bytes is not null && BinaryEquals(_bytes, requestValue),
            _ => false,
        };

        private static bool Compare(int order, Comparison comparison) => comparison switch
        {
            Comparison.LessThan => order < 0,
            Comparison.LessThanEquals => order <= 0,
            Comparison.GreaterThan => order > 0,
            Comparison.GreaterThanEquals => order >= 0,
            _ => order == 0,
        };

        private static bool BinaryEquals(byte[] expected, string requestValue)
        {
            Span<byte> buffer = stackalloc byte[256];
            return requestValue.Length <= 340
                && Convert.TryFromBase64String(requestValue, buffer, out var written)
                && buffer[..written].SequenceEqual(expected);
        }
    }
}
