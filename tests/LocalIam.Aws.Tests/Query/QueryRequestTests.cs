using LocalIam.Aws.Query;

namespace LocalIam.Aws.Tests.Query;

public class QueryRequestTests
{
    [Fact]
    public void GetStructures_TagsInOrder_ReadFieldByField()
    {
        var query = new QueryRequest([new("Tags.member.2.Key", "b"), new("Tags.member.1.Key", "a"), new("Tags.member.1.Value", "1"), new("Tags.member.2.Value", "2")]);

        var tags = query.GetStructures("Tags");

        Assert.Equal(["a", "b"], tags.Select(t => t["Key"]));
        Assert.Equal(["1", "2"], tags.Select(t => t["Value"]));
    }

    [Fact]
    public void GetStructures_GapInNumbers_StopsAtTheGap()
    {
        var query = new QueryRequest([new("Tags.member.1.Key", "a"), new("Tags.member.3.Key", "c")]);

        Assert.Single(query.GetStructures("Tags"));
    }

    [Fact]
    public void GetStructures_HostileCount_BoundedAndLinear()
    {
        // 100,000 members once took minutes (every member scanned all parameters); now one pass, capped.
        var parameters = Enumerable.Range(1, 100_000).Select(i => new KeyValuePair<string, string>($"Tags.member.{i}.Key", "k"));
        var query = new QueryRequest(parameters);

        Assert.Equal(QueryRequest.MaxMembers, query.GetStructures("Tags").Count);
    }
}
