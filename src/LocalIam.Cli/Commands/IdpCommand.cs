using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LocalIam.Cli.Output;
using LocalIam.Iam.Federation;
using LocalIam.Server.Hosting;

namespace LocalIam.Cli.Commands;

/// <summary>
/// <c>localiam idp …</c>: LocalIam's test identity provider, so that web identity and SAML
/// federation can be tested offline. One RSA key with a self-signed certificate in a key file
/// (<c>--key-file</c>, by default <c>idp-signing-key.pem</c> in the data folder), created on first
/// use and kept: tokens issued later verify against a provider created earlier.
/// </summary>
internal static class IdpCommand
{
    private const string VerbName = "idp";
    public const string KeyFileName = "idp-signing-key.pem";

    public static Command Create()
    {
        var command = new Command("idp", "A test identity provider: OIDC tokens and SAML assertions that the account's providers trust, offline")
        {
            Thumbprint(), Jwks(), Token(), SamlMetadata(), SamlResponse(),
        };
        command.WithDetails(
            "Create the account's OpenID Connect provider with the key's thumbprint, then assume a role with a token:\n"
            + "  aws iam create-open-id-connect-provider --url https://token.actions.githubusercontent.com --client-id-list sts.amazonaws.com --thumbprint-list $(localiam idp thumbprint)\n"
            + "For SAML, create the provider with `localiam idp saml-metadata` and pass `localiam idp saml-response` to assume-role-with-saml.\n"
            + "docs/federation.md says how LocalIam trusts the key without fetching anything.",
            "localiam idp token --issuer https://token.actions.githubusercontent.com --audience sts.amazonaws.com --subject repo:org/repo:ref:refs/heads/main",
            "localiam idp saml-metadata --entity-id https://idp.example.com/saml > metadata.xml",
            "localiam idp saml-response --entity-id https://idp.example.com/saml --subject alice --role arn:aws:iam::123456789012:role/R,arn:aws:iam::123456789012:saml-provider/P --session-name alice");
        return command;
    }

    private sealed class KeyOptions
    {
        public Option<string?> KeyFile { get; } = new("--key-file") { Description = $"The signing key's PEM file, created when missing [default: DIR/{KeyFileName}]", HelpName = "FILE" };

        public Option<string?> Data { get; } = new("--data") { Description = $"The data folder that holds the key file [default: {LocalIamOptions.DefaultDataFolder()}]", HelpName = "DIR" };

        public void AddTo(Command command)
        {
            command.Options.Add(KeyFile);
            command.Options.Add(Data);
        }

        public TestIdentityProvider Load(ParseResult parse)
        {
            var path = parse.GetValue(KeyFile) ?? Path.Combine(parse.GetValue(Data) ?? LocalIamOptions.DefaultDataFolder(), KeyFileName);
            try
            {
                return TestIdentityProvider.LoadOrCreate(path);
            }
            catch (Exception ex) when (ex is ArgumentException or System.Security.Cryptography.CryptographicException)
            {
                throw new CommandInputException($"`{Verb.Printable(path)}` is not a key file of localiam idp: it must hold a PEM private key and certificate");
            }
        }
    }

    private sealed class LifetimeOptions
    {
        public Option<int> Lifetime { get; } = new("--lifetime") { Description = "Seconds the token is valid for [default: 3600]", HelpName = "SECONDS", DefaultValueFactory = _ => 3600 };

        public Option<string?> IssuedAt { get; } = new("--issued-at") { Description = "When it was issued, ISO 8601 (a time in the past makes an expired token) [default: now]", HelpName = "TIME" };

        public void AddTo(Command command)
        {
            command.Options.Add(Lifetime);
            command.Options.Add(IssuedAt);
        }

        public (DateTimeOffset IssuedAt, TimeSpan Lifetime) Read(ParseResult parse)
        {
            var seconds = parse.GetValue(Lifetime);
            if (seconds is < 1 or > 31_536_000)
            {
                throw new CommandInputException($"`--lifetime {seconds}` is not from 1 to 31536000 seconds");
            }

            var issuedAt = DateTimeOffset.UtcNow;
            if (parse.GetValue(IssuedAt) is { } text && !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out issuedAt))
            {
                throw new CommandInputException($"`{Verb.Printable(text)}` is not a time: give it as 2026-01-31T12:00:00Z");
            }

            return (issuedAt, TimeSpan.FromSeconds(seconds));
        }
    }

    private static Command Thumbprint()
    {
        var keys = new KeyOptions();
        var command = new Command("thumbprint", "The SHA-1 thumbprint of the signing certificate, for the OIDC provider's --thumbprint-list");
        keys.AddTo(command);
        command.WithExamples("aws iam create-open-id-connect-provider --url https://token.actions.githubusercontent.com --client-id-list sts.amazonaws.com --thumbprint-list $(localiam idp thumbprint)");
        command.SetAction(parse => Run(() =>
        {
            using var idp = keys.Load(parse);
            Console.WriteLine(idp.Thumbprint);
        }));
        return command;
    }

    private static Command Jwks()
    {
        var keys = new KeyOptions();
        var command = new Command("jwks", "The JSON Web Key Set of the signing key (with its certificate as x5c), as an issuer publishes it");
        keys.AddTo(command);
        command.WithExamples("localiam idp jwks > jwks.json");
        command.SetAction(parse => Run(() =>
        {
            using var idp = keys.Load(parse);
            Console.WriteLine(idp.Jwks());
        }));
        return command;
    }

    private static Command Token()
    {
        var keys = new KeyOptions();
        var lifetime = new LifetimeOptions();
        var issuer = new Option<string>("--issuer") { Description = "The iss claim: the OIDC provider's URL, https://", HelpName = "URL", Required = true };
        var subject = new Option<string>("--subject") { Description = "The sub claim", HelpName = "SUB", Required = true };
        var audience = new Option<string[]>("--audience") { Description = "The aud claim: one of the provider's client IDs (repeatable)", HelpName = "AUD", Required = true, AllowMultipleArgumentsPerToken = false };
        var claim = new Option<string[]>("--claim") { Description = "Another claim, NAME=VALUE; a VALUE that is JSON (a number, array, object) is taken as JSON (repeatable)", HelpName = "NAME=VALUE" };
        var tag = new Option<string[]>("--tag") { Description = "A session tag in the https://aws.amazon.com/tags claim, KEY=VALUE (repeatable)", HelpName = "KEY=VALUE" };
        var transitive = new Option<string[]>("--transitive-tag-key") { Description = "A session tag key that is transitive (repeatable)", HelpName = "KEY" };
        var command = new Command("token", "An OpenID Connect ID token signed RS256, printed on one line")
        {
            issuer, subject, audience, claim, tag, transitive,
        };
        keys.AddTo(command);
        lifetime.AddTo(command);
        command.WithDetails(
            "Prints the JWT. Its header carries the signing certificate (x5c), which LocalIam trusts when the provider's thumbprint list has its thumbprint.",
            "aws sts assume-role-with-web-identity --endpoint-url http://127.0.0.1:4599 --role-arn arn:aws:iam::123456789012:role/deploy --role-session-name ci --web-identity-token $(localiam idp token --issuer https://token.actions.githubusercontent.com --audience sts.amazonaws.com --subject repo:org/repo:ref:refs/heads/main)",
            "localiam idp token --issuer https://idp.example.com --audience my-app --subject alice --claim amr='[\"mfa\"]' --tag team=blue --issued-at 2020-01-01T00:00:00Z");
        command.SetAction(parse => Run(() =>
        {
            var (issuedAt, span) = lifetime.Read(parse);
            var claims = new JsonObject();
            foreach (var (name, value) in Pairs(parse.GetValue(claim), "--claim"))
            {
                claims[name] = JsonValueOf(value);
            }

            var tags = Pairs(parse.GetValue(tag), "--tag");
            var transitiveKeys = parse.GetValue(transitive) ?? [];
            if (tags.Count > 0 || transitiveKeys.Length > 0)
            {
                var principalTags = new JsonObject();
                foreach (var (key, value) in tags)
                {
                    principalTags[key] = new JsonArray(value);
                }

                claims[WebIdentityToken.TagsClaim] = new JsonObject
                {
                    ["principal_tags"] = principalTags,
                    ["transitive_tag_keys"] = new JsonArray([.. transitiveKeys.Select(k => (JsonNode?)k)]),
                };
            }

            using var idp = keys.Load(parse);
            Console.WriteLine(idp.IssueToken(parse.GetValue(issuer)!, parse.GetValue(subject)!, parse.GetValue(audience)!, issuedAt, span, claims));
        }));
        return command;
    }

    private static Command SamlMetadata()
    {
        var keys = new KeyOptions();
        var entityId = new Option<string>("--entity-id") { Description = "The IdP's entity ID: the Issuer of its assertions", HelpName = "URI", Required = true };
        var command = new Command("saml-metadata", "SAML 2.0 metadata of the IdP, with its signing certificate, for create-saml-provider")
        {
            entityId,
        };
        keys.AddTo(command);
        command.WithExamples("aws iam create-saml-provider --name LocalIdp --saml-metadata-document \"$(localiam idp saml-metadata --entity-id https://idp.example.com/saml)\"");
        command.SetAction(parse => Run(() =>
        {
            using var idp = keys.Load(parse);
            Console.WriteLine(idp.SamlMetadata(parse.GetValue(entityId)!));
        }));
        return command;
    }

    private static Command SamlResponse()
    {
        var keys = new KeyOptions();
        var lifetime = new LifetimeOptions();
        var entityId = new Option<string>("--entity-id") { Description = "The Issuer: the entity ID of the metadata the provider was created with", HelpName = "URI", Required = true };
        var subject = new Option<string>("--subject") { Description = "The NameID", HelpName = "NAME", Required = true };
        var format = new Option<string>("--name-id-format") { Description = "persistent, transient, or a format URI [default: persistent]", HelpName = "FORMAT", DefaultValueFactory = _ => "persistent" };
        var role = new Option<string[]>("--role") { Description = "A Role attribute value: ROLE_ARN,PROVIDER_ARN (repeatable)", HelpName = "ROLE_ARN,PROVIDER_ARN", Required = true };
        var sessionName = new Option<string>("--session-name") { Description = "The RoleSessionName attribute", HelpName = "NAME", Required = true };
        var audience = new Option<string>("--audience") { Description = $"The Audience [default: {Iam.Federation.SamlResponse.AwsAudience}]", HelpName = "URI", DefaultValueFactory = _ => Iam.Federation.SamlResponse.AwsAudience };
        var attribute = new Option<string[]>("--attribute") { Description = "Another attribute, NAME=VALUE (repeatable; repeat a name for several values)", HelpName = "NAME=VALUE" };
        var tag = new Option<string[]>("--tag") { Description = "A PrincipalTag:KEY attribute, KEY=VALUE (repeatable)", HelpName = "KEY=VALUE" };
        var command = new Command("saml-response", "A signed SAML 2.0 Response, base64 as assume-role-with-saml takes it")
        {
            entityId, subject, format, role, sessionName, audience, attribute, tag,
        };
        keys.AddTo(command);
        lifetime.AddTo(command);
        command.WithExamples(
            "aws sts assume-role-with-saml --endpoint-url http://127.0.0.1:4599 --role-arn arn:aws:iam::123456789012:role/R --principal-arn arn:aws:iam::123456789012:saml-provider/LocalIdp --saml-assertion $(localiam idp saml-response --entity-id https://idp.example.com/saml --subject alice --role arn:aws:iam::123456789012:role/R,arn:aws:iam::123456789012:saml-provider/LocalIdp --session-name alice)");
        command.SetAction(parse => Run(() =>
        {
            var (issuedAt, span) = lifetime.Read(parse);
            var attributes = new List<(string Name, IReadOnlyList<string> Values)>
            {
                (Iam.Federation.SamlResponse.RoleAttribute, parse.GetValue(role)!),
                (Iam.Federation.SamlResponse.SessionNameAttribute, [parse.GetValue(sessionName)!]),
            };
            attributes.AddRange(Pairs(parse.GetValue(tag), "--tag").Select(t => (Iam.Federation.SamlResponse.PrincipalTagPrefix + t.Name, (IReadOnlyList<string>)[t.Value])));
            attributes.AddRange(Pairs(parse.GetValue(attribute), "--attribute").GroupBy(a => a.Name, StringComparer.Ordinal)
                .Select(g => (g.Key, (IReadOnlyList<string>)[.. g.Select(a => a.Value)])));
            var nameIdFormat = parse.GetValue(format)! is "persistent" or "transient" or "unspecified" or "emailAddress" ? $"urn:oasis:names:tc:SAML:2.0:nameid-format:{parse.GetValue(format)}" : parse.GetValue(format)!;
            using var idp = keys.Load(parse);
            Console.WriteLine(idp.IssueSamlResponse(new SamlAssertionRequest(parse.GetValue(entityId)!, parse.GetValue(subject)!, issuedAt, span)
            {
                NameIdFormat = nameIdFormat,
                Audience = parse.GetValue(audience)!,
                Attributes = attributes,
            }));
        }));
        return command;
    }

    private static Task<int> Run(Action body) => Verb.RunAsync(VerbName, () =>
    {
        body();
        return Task.FromResult(ExitCodes.Ok);
    });

    private static List<(string Name, string Value)> Pairs(string[]? values, string option)
    {
        var pairs = new List<(string, string)>();
        foreach (var value in values ?? [])
        {
            var equals = value.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new CommandInputException($"`{option} {Verb.Printable(value)}` is not NAME=VALUE");
            }

            pairs.Add((value[..equals], value[(equals + 1)..]));
        }

        return pairs;
    }

    /// <summary>JSON when the text is a JSON number, array, object or literal; a string otherwise.</summary>
    private static JsonNode? JsonValueOf(string text)
    {
        try
        {
            return text.Length > 0 && (text[0] is '[' or '{' or '-' or (>= '0' and <= '9') || text is "true" or "false" or "null")
                ? JsonNode.Parse(text)
                : JsonValue.Create(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }
}
