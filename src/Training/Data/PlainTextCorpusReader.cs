using System.Text;

namespace Vpo.Training.Data;

/// <summary>Reads plain-text pretraining corpora: every file is read whole as one document.</summary>
public static class PlainTextCorpusReader
{
    /// <summary>
    /// The documents of the given files and folders (folders contribute their <c>*.txt</c> files, recursively,
    /// in ordinal order so the corpus, and with it the packed sequences, are the same on every machine).
    /// </summary>
    public static async Task<IReadOnlyList<string>> ReadDocumentsAsync(IEnumerable<string> paths, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var found = Directory.EnumerateFiles(path, "*.txt", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
                if (found.Count == 0)
                {
                    throw new TrainingDataException(path, null, "the folder holds no *.txt files.");
                }

                files.AddRange(found);
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                throw new TrainingDataException(path, null, "file or folder not found.");
            }
        }

        if (files.Count == 0)
        {
            throw new TrainingDataException("(corpus)", null, "no corpus files were given.");
        }

        var documents = new List<string>(files.Count);
        foreach (var file in files)
        {
            var text = await File.ReadAllTextAsync(file, Encoding.UTF8, cancellationToken).ConfigureAwait(false);
            if (!string.IsNullOrWhiteSpace(text))
            {
                documents.Add(text);
            }
        }

        if (documents.Count == 0)
        {
            throw new TrainingDataException(files[0], null, "the corpus is empty; expected plain text.");
        }

        return documents;
    }
}
