using LocalIam.Aws.Validation;
using LocalIam.Server.Api;
using LocalIam.Server.Api.Iam;
using LocalIam.Server.Api.Sts;

namespace LocalIam.Server.Tests.Api;

/// <summary>
/// Every row of the IAM and STS action tables against AWS's service models (the constraint tables
/// generated from botocore, data/aws-models): the operation exists, its IAM action is the one AWS
/// authorizes it as, and every parameter its bind step reads is an input member of it.
/// </summary>
public sealed class OperationTableTests
{
    public static TheoryData<string> IamRows => [.. IamOperations.Table.Keys.Order(StringComparer.Ordinal)];

    public static TheoryData<string> StsRows => [.. StsOperations.Table.Keys.Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(IamRows))]
    public void IamRow_AgainstTheModel_OperationActionAndEveryBoundParameterExist(string name) =>
        CheckRow(IamOperations.Table[name], ServiceConstraints.Iam, "iam");

    [Theory]
    [MemberData(nameof(StsRows))]
    public void StsRow_AgainstTheModel_OperationActionAndEveryBoundParameterExist(string name) =>
        CheckRow(StsOperations.Table[name], ServiceConstraints.Sts, "sts");

    [Theory]
    [MemberData(nameof(IamRows))]
    public void IamRow_AgainstTheModel_AnswersWithAResultExactlyWhenTheModelHasOne(string name) =>
        CheckResult(IamOperations.Table[name], ServiceConstraints.Iam);

    [Theory]
    [MemberData(nameof(StsRows))]
    public void StsRow_AgainstTheModel_AnswersWithAResultExactlyWhenTheModelHasOne(string name) =>
        CheckResult(StsOperations.Table[name], ServiceConstraints.Sts);

    [Fact]
    public void IamModel_OutputWithoutMembers_StillHasItsResultElement()
    {
        // UpdateRoleResponse has no member, yet AWS sends <UpdateRoleResult/> and boto3 fails without it.
        Assert.Equal("UpdateRoleResult", ServiceConstraints.Iam.ResultWrapper("UpdateRole"));
        Assert.True(IamOperations.Table["UpdateRole"].AnswersWithResult);
        Assert.Null(ServiceConstraints.Iam.ResultWrapper("DeleteRole"));
    }

    [Fact]
    public void Models_EveryOperation_HasARow()
    {
        var missing = ServiceConstraints.Iam.Operations.Where(o => !IamOperations.Table.ContainsKey(o))
            .Concat(ServiceConstraints.Sts.Operations.Where(o => !StsOperations.Table.ContainsKey(o)))
            .Order(StringComparer.Ordinal);

        Assert.Empty(missing);
        Assert.Equal(176, ServiceConstraints.Iam.Operations.Count);
        Assert.Equal(11, ServiceConstraints.Sts.Operations.Count);
    }

    [Fact]
    public void IamTable_EveryRow_KeyedByItsOwnLiteralName()
    {
        Assert.All(IamOperations.Table, row => Assert.Equal(row.Key, row.Value.Name));
        Assert.Equal(176, IamOperations.Table.Count);
    }

    [Fact]
    public void BillingService_Rows_AuthorizedAsTheBillingActions()
    {
        var billing = JsonServices.All["AWSBilling"];

        Assert.Equal("billing", billing.SigningName);
        Assert.Equal(["billing:GetIAMAccessPreference", "billing:UpdateIAMAccessPreference"], billing.Operations.Values.Select(o => o.IamAction).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void CostExplorerAndBudgets_Rows_AuthorizedAsTheServiceAuthorizationReferenceSays()
    {
        var ce = JsonServices.All["AWSInsightsIndexService"];
        var budgets = JsonServices.All["AWSBudgetServiceGateway"];

        Assert.Equal(("ce", "budgets"), (ce.SigningName, budgets.SigningName));
        Assert.All(ce.Operations.Values, o => Assert.Equal("ce:" + o.Name, o.IamAction));
        Assert.Equal(["GetCostAndUsage", "GetCostAndUsageWithResources", "GetCostForecast", "GetDimensionValues", "GetTags"], ce.Operations.Keys.Order(StringComparer.Ordinal));
        Assert.All(budgets.Operations.Values, o => Assert.Equal(o.Name.StartsWith("Describe", StringComparison.Ordinal) ? "budgets:ViewBudget" : "budgets:ModifyBudget", o.IamAction));
        Assert.Equal(13, budgets.Operations.Count);
        // The billing setting and LocalIam's own questions are signed as IAM's global endpoint is; ce and budgets at any region.
        Assert.All(JsonServices.All.Values, s => Assert.Equal(s.TargetPrefix is not ("AWSBilling" or "LocalIam_20261201"), s.AcceptsAnyRegion));
    }

    /// <summary>The Query writer names the element <c>{Name}Result</c>; a void row would drop the element AWS's model promises.</summary>
    private static void CheckResult(IOperation row, ServiceConstraints model)
    {
        var wrapper = model.ResultWrapper(row.Name);
        Assert.True(row.AnswersWithResult == wrapper is not null,
            $"{row.Name}: the model's result element is `{wrapper ?? "none"}`, the row {(row.AnswersWithResult ? "answers with one" : "answers with none")}");
        if (wrapper is not null)
        {
            Assert.Equal(row.Name + "Result", wrapper);
        }
    }

    private static void CheckRow(IOperation row, ServiceConstraints model, string prefix)
    {
        Assert.Contains(row.Name, model.Operations);
        Assert.Equal($"{prefix}:{row.Name}", row.IamAction);

        var input = model.Input(row.Name);
        var parameters = new RecordingParameters(input);
        try
        {
            row.BindOnly(parameters);
        }
        catch (LocalIam.Aws.Errors.AwsException)
        {
            // A bind step that checks values (AssumeRole's, in STS's words) refuses the stand-ins; what it read is recorded.
        }

        var members = input.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        Assert.All(parameters.Read, read => Assert.True(members.Contains(read), $"{row.Name} binds `{read}`, which AWS's model does not give it"));
        var required = input.Where(m => m.Required).Select(m => m.Name);
        Assert.All(required, member => Assert.True(parameters.Read.Contains(member), $"{row.Name} never reads its required member `{member}`"));
    }
}
