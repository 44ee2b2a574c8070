using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using LocalIam.Aws.Errors;

namespace LocalIam.Aws.Query;

/// <summary>AWS Query protocol responses: <c>&lt;OpResponse&gt;&lt;OpResult&gt;...&lt;/OpResult&gt;&lt;ResponseMetadata&gt;...</c>, and the error envelope.</summary>
public static class QueryXml
{
    public static readonly XNamespace Iam = "https://iam.amazonaws.com/doc/2010-05-08/";
    public static readonly XNamespace Sts = "https://sts.amazonaws.com/doc/2011-06-15/";

    private static readonly XmlWriterSettings WriterSettings = new() { OmitXmlDeclaration = true, NewLineHandling = NewLineHandling.Entitize };

    /// <summary>The response document; <paramref name="result"/> null for operations with no output.</summary>
    public static string Response(XNamespace ns, string action, IEnumerable<object>? result, string requestId)
    {
        var root = new XElement(ns + $"{action}Response");
        if (result is not null)
        {
            root.Add(new XElement(ns + $"{action}Result", Qualify(ns, result)));
        }

        root.Add(new XElement(ns + "ResponseMetadata", new XElement(ns + "RequestId", requestId)));
        return Serialize(root);
    }

    /// <summary>The error envelope; a message that echoes the request is written whatever it holds.</summary>
    public static string Error(XNamespace ns, AwsError error, string requestId) =>
        Serialize(new XElement(ns + "ErrorResponse",
            new XElement(ns + "Error",
                new XElement(ns + "Type", error.SenderFault ? "Sender" : "Receiver"),
                new XElement(ns + "Code", error.Code),
                // Some errors (ReportNotPresent) carry no message at all; AWS then sends no element.
                error.Message.Length == 0 ? null : new XElement(ns + "Message", error.Message)),
            new XElement(ns + "RequestId", requestId)));

    /// <summary>An element, or nothing when the value is null (AWS leaves out absent optional members).</summary>
    public static XElement? El(string name, object? value) => value switch
    {
        null => null,
        DateTime time => new XElement(name, Timestamp(time)),
        bool flag => new XElement(name, flag ? "true" : "false"),
        IFormattable number => new XElement(name, number.ToString(null, CultureInfo.InvariantCulture)),
        _ => new XElement(name, value),
    };

    /// <summary>A list: <c>&lt;Name&gt;&lt;member&gt;...&lt;/member&gt;&lt;/Name&gt;</c>.</summary>
    public static XElement Members<T>(string name, IEnumerable<T> items, Func<T, IEnumerable<object?>> member) =>
        new(name, items.Select(item => new XElement("member", member(item))));

    public static XElement StringMembers(string name, IEnumerable<string> items) =>
        new(name, items.Select(item => new XElement("member", item)));

    /// <summary>ISO 8601 with a Z, as IAM writes times.</summary>
    public static string Timestamp(DateTime time) =>
        DateTime.SpecifyKind(time, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// Writes the document without formatting. Text XML 1.0 cannot hold, echoed from a request or
    /// read from a store written before validation, becomes <c>\uXXXX</c> (<see cref="WritableText"/>);
    /// a CR is written as <c>&amp;#xD;</c> so that a reader gets it back rather than a LF.
    /// </summary>
    private static string Serialize(XElement root)
    {
        foreach (var node in root.DescendantNodesAndSelf())
        {
            if (node is XText text && WritableText.ForXml(text.Value) is var safeText && !ReferenceEquals(safeText, text.Value))
            {
                text.Value = safeText;
            }
            else if (node is XElement element)
            {
                foreach (var attribute in element.Attributes())
                {
                    if (WritableText.ForXml(attribute.Value) is var safeValue && !ReferenceEquals(safeValue, attribute.Value))
                    {
                        attribute.Value = safeValue;
                    }
                }
            }
        }

        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using (var writer = XmlWriter.Create(output, WriterSettings))
        {
            root.WriteTo(writer);
        }

        return output.ToString();
    }

    /// <summary>Puts unqualified elements built by handlers into the service's namespace.</summary>
    private static IEnumerable<object> Qualify(XNamespace ns, IEnumerable<object> content)
    {
        foreach (var item in content)
        {
            if (item is XElement element)
            {
                foreach (var e in element.DescendantsAndSelf())
                {
                    if (e.Name.Namespace == XNamespace.None)
                    {
                        e.Name = ns + e.Name.LocalName;
                    }
                }
            }

            yield return item;
        }
    }
}
