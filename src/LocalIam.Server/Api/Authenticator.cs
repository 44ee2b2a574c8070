using System.Collections.Concurrent;
using LocalIam.Aws.Errors;
using LocalIam.Aws.SigV4;
using LocalIam.Iam.Authorization;
using LocalIam.Iam.Credentials;
using LocalIam.Policy.Authorization;
using LocalIam.Storage;
using LocalIam.Storage.Entities;

namespace LocalIam.Server.Api;

/// <summary>
/// Turns a signed request into the principal that signed it: SigV4 verified against the key's
/// secret, inactive and unknown keys refused with AWS's errors. Keys are cached until the store's
/// change stamp moves; a key's last use is recorded at most once a minute.
/// </summary>
internal sealed class Authenticator(IamStore store, AccessKeyService keys, SessionService sessions, TimeProvider clock)
{
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);
    private const int MaxCachedKeys = 100_000;

    private readonly ConcurrentDictionary<string, (long Revision, SigningKey? Key)> _keys = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastRecorded = new(StringComparer.Ordinal);

    public async Task<(AuthenticatedPrincipal? Who, AwsError? Error)> AuthenticateAsync(SignedRequest request, SigningScope scope)
    {
        var credential = SigV4Parser.Parse(request, out var parseError);
        if (credential is null)
        {
            return (null, parseError);
        }

        // As AWS does: a scope for another region or service is refused before the key is looked up.
        if (SigV4Verifier.ScopeError(credential, scope) is { } scopeError)
        {
            return (null, scopeError);
        }

        if (credential.AccessKeyId.StartsWith(LocalIam.Iam.Identifiers.IamIds.TemporaryAccessKeyPrefix, StringComparison.Ordinal))
        {
            return await AuthenticateSessionAsync(request, credential, scope);
        }

        var key = await KeyAsync(credential.AccessKeyId);
        if (key is null || key.Status != AccessKeyStatus.Active)
        {
            return (null, AwsErrors.InvalidClientTokenId());
        }

        var now = clock.GetUtcNow();
        if (SigV4Verifier.Verify(request, credential, key.Secret, now, scope) is { } error)
        {
            return (null, error);
        }

        RecordUse(key.AccessKeyId, credential.Service, credential.Region, now);
        var principal = key.UserId is null
            ? Principal.Root(key.AccountId)
            : Principal.User(key.AccountId, key.UserName!, key.UserPath ?? "/");
        return (new AuthenticatedPrincipal(principal, key.UserId), null);
    }

    /// <summary>
    /// Temporary credentials: the session token must match, and the session must not have expired.
    /// GetSessionToken credentials reach IAM only when they were issued with MFA.
    /// </summary>
    private async Task<(AuthenticatedPrincipal? Who, AwsError? Error)> AuthenticateSessionAsync(SignedRequest request, SigV4Credential credential, SigningScope scope)
    {
        var found = await sessions.FindAsync(credential.AccessKeyId);
        // A session whose user or role was deleted since is worth nothing.
        var ownerGone = found?.OwnerName is null && (found?.Session.UserId is not null || found?.Session.RoleId is not null);
        if (found is null || !SessionService.TokenMatches(found.Session, credential.SecurityToken) || ownerGone)
        {
            return (null, AwsErrors.InvalidClientTokenId());
        }

        var now = clock.GetUtcNow();
        if (now.UtcDateTime >= found.Session.ExpiresAt)
        {
            return (null, AwsErrors.ExpiredToken());
        }

        if (SigV4Verifier.Verify(request, credential, found.Secret, now, scope) is { } error)
        {
            return (null, error);
        }

        var session = found.Session;
        // GetSessionToken credentials without MFA may not call IAM: AWS answers as for an unknown token.
        if (session.Kind == SessionKind.SessionToken && session.MfaAuthenticatedAt is null && scope.Service == "iam")
        {
            return (null, AwsErrors.InvalidClientTokenId());
        }

        // A federated user may not call IAM (STS API Reference, GetFederationToken); AWS answers as for an unknown token.
        if (session.Kind == SessionKind.FederatedUser && scope.Service == "iam")
        {
            return (null, AwsErrors.InvalidClientTokenId());
        }

        AuthenticatedPrincipal who = session.Kind switch
        {
            SessionKind.FederatedUser => new(Principal.FederatedUser(session.AccountId, session.SessionName!), session.UserId, IsTemporary: true),
            SessionKind.AssumedRole => new(Principal.RoleSession(session.AccountId, found.OwnerName!, session.SessionName!, found.OwnerPath ?? "/"), RoleId: session.RoleId, IsTemporary: true),
            _ when session.UserId is null => new(Principal.Root(session.AccountId), IsTemporary: true),
            _ => new(Principal.User(session.AccountId, found.OwnerName!, found.OwnerPath ?? "/"), session.UserId, IsTemporary: true),
        };
        return (who with
        {
            SessionKeyId = session.AccessKeyId,
            SessionPolicy = session.SessionPolicy,
            SessionPolicyArns = SessionService.PolicyArnsOf(session),
            SessionTags = SessionService.TagsOf(session),
            SourceIdentity = session.SourceIdentity,
            MfaAuthenticatedAt = session.MfaAuthenticatedAt,
            TokenIssuedAt = session.IssuedAt,
            SessionExpiresAt = session.ExpiresAt,
        }, null);
    }

    private async Task<SigningKey?> KeyAsync(string accessKeyId)
    {
        var revision = await store.ReadRevisionAsync();
        if (_keys.TryGetValue(accessKeyId, out var cached) && cached.Revision == revision)
        {
            return cached.Key;
        }

        var key = await keys.FindForSigningAsync(accessKeyId);
        if (key is not null)
        {
            // Only keys that exist are kept, and not without bound: random key ids must not grow memory.
            if (_keys.Count >= MaxCachedKeys)
            {
                _keys.Clear();
            }

            _keys[accessKeyId] = (revision, key);
        }

        return key;
    }

    private void RecordUse(string accessKeyId, string service, string region, DateTimeOffset now)
    {
        if (_lastRecorded.TryGetValue(accessKeyId, out var last) && now - last < LastUsedResolution)
        {
            return;
        }

        if (_lastRecorded.Count >= MaxCachedKeys)
        {
            _lastRecorded.Clear();
        }

        _lastRecorded[accessKeyId] = now;
        _ = RecordAsync();

        async Task RecordAsync()
        {
            try
            {
                await keys.RecordUseAsync(accessKeyId, service, region);
            }
            catch (Exception ex) when (ex is InvalidOperationException or System.Data.Common.DbException)
            {
                // Last-used data is bookkeeping; a busy store must not fail the request.
                _lastRecorded.TryRemove(accessKeyId, out _);
            }
        }
    }
}
