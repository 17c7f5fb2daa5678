using VisualRecSys.Engine.Embedding;
using VisualRecSys.Engine.Models;

namespace VisualRecSys.Engine.Tests.Models;

public sealed class ModelIdTests
{
    private const string Backbone = "resnet18-87e69d62a91a";
    private const string Head = Backbone + ".head-c5d1e301cb59";

    [Fact]
    public void A_backbone_id_is_its_own_backbone()
    {
        var id = ModelId.Parse(Backbone);

        Assert.False(id.IsHead);
        Assert.Null(id.HeadHash);
        Assert.Equal(Backbone, id.Backbone.ToString());
        Assert.Equal(id, id.Backbone);
        Assert.Equal(id, id.Model);
        Assert.Equal(ModelStore.Model, id.Store);
        Assert.False(id.IsDerivedStore);
        Assert.False(ModelId.NamesHead(Backbone));
    }

    [Fact]
    public void A_head_id_names_its_backbone_and_hash()
    {
        var id = ModelId.Parse(Head);

        Assert.True(id.IsHead);
        Assert.Equal("c5d1e301cb59", id.HeadHash);
        Assert.Equal(Backbone, id.Backbone.ToString());
        Assert.False(id.Backbone.IsHead);
        Assert.Equal(Head, id.Model.ToString());
        Assert.True(ModelId.NamesHead(Head));
    }

    [Fact]
    public void Derived_store_ids_name_the_model_and_the_store()
    {
        var mirrored = ModelId.Parse(ImageViews.StoreId(Backbone, ImageView.Mirrored));
        Assert.Equal(ModelStore.Mirrored, mirrored.Store);
        Assert.True(mirrored.IsMirrored);
        Assert.True(mirrored.IsDerivedStore);
        Assert.Null(mirrored.EditSeed);
        Assert.Equal(Backbone, mirrored.Model.ToString());

        var edited = ModelId.Parse(ImageViews.EditedStoreId(Backbone, 7));
        Assert.Equal(ModelStore.Edited, edited.Store);
        Assert.Equal(7, edited.EditSeed);
        Assert.False(edited.IsMirrored);
        Assert.Equal(Backbone, edited.Model.ToString());

        var headMirrored = ModelId.Parse(Head + ".mirror");
        Assert.True(headMirrored.IsHead);
        Assert.True(headMirrored.IsMirrored);
        Assert.Equal(Head, headMirrored.Model.ToString());
        Assert.Equal(Backbone, headMirrored.Backbone.ToString());

        // A derived store is not a head model: its vectors are not what a head file is named after.
        Assert.False(ModelId.NamesHead(Head + ".mirror"));
        Assert.Equal(-3, ModelId.Parse(Backbone + ".edited--3").EditSeed);
    }

    [Theory]
    [InlineData(Backbone)]
    [InlineData(Head)]
    [InlineData(Backbone + ".mirror")]
    [InlineData(Head + ".edited-42")]
    [InlineData("synthetic-v1")]
    [InlineData("mean-colour")]
    [InlineData("r50.v2_onnx-0123456789ab")]
    public void Parsing_keeps_the_text(string text)
    {
        var id = ModelId.Parse(text);

        Assert.Equal(text, id.ToString());
        Assert.Equal(id, ModelId.Parse(id.ToString()));
        Assert.True(ModelId.TryParse(text, out var again));
        Assert.Equal(id, again);
    }

    [Theory]
    [InlineData("", "it is empty")]
    [InlineData(".head-0123456789ab", "the backbone id is missing")]
    [InlineData("../x.head-1", "'.head-' must be followed by the head's 12 lower-case hex digits")]
    [InlineData(Backbone + ".head-0123456789AB", "'.head-' must be followed by the head's 12 lower-case hex digits")]
    [InlineData(Backbone + ".head-0123456789a", "'.head-' must be followed by the head's 12 lower-case hex digits")]
    [InlineData(Backbone + ".edited-x", "'.edited-' must be followed by the seed, an integer")]
    [InlineData(Backbone + ".edited-07", "'.edited-' must be followed by the seed, an integer")]
    [InlineData("../resnet18-87e69d62a91a", "the backbone id must start with a letter or digit and hold only letters, digits, '.', '-' and '_'")]
    [InlineData("dir/resnet18", "the backbone id must start with a letter or digit and hold only letters, digits, '.', '-' and '_'")]
    [InlineData(Head + ".head-0123456789ab", "only one head part and one store suffix, in that order, may follow the backbone id")]
    [InlineData(Backbone + ".mirror.head-0123456789ab", "only one head part and one store suffix, in that order, may follow the backbone id")]
    [InlineData(Backbone + ".edited-7.mirror", "only one head part and one store suffix, in that order, may follow the backbone id")]
    public void Malformed_ids_are_refused_with_the_reason(string text, string reason)
    {
        var e = Assert.Throws<FormatException>(() => ModelId.Parse(text));

        Assert.Equal($"'{text}' is not a model id: {reason}.", e.Message);
        Assert.False(ModelId.TryParse(text, out _));
        Assert.False(ModelId.NamesHead(text));
    }

    [Fact]
    public void Null_and_long_ids_are_refused()
    {
        Assert.Throws<ArgumentNullException>(() => ModelId.Parse(null!));
        Assert.False(ModelId.TryParse(null, out _));
        Assert.False(ModelId.NamesHead(null));
        Assert.Contains("longer than 80", Assert.Throws<FormatException>(() => ModelId.Parse(new string('a', 81))).Message, StringComparison.Ordinal);
    }
}
