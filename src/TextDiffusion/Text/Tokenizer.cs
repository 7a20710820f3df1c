using Torch;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace TextDiffusion.Text;

/// <summary>
/// Common base of the word, character and BPE tokenizers: text ↔ ids over a <see cref="Vocabulary"/>
/// whose ids 0..4 are the <see cref="SpecialTokens"/>. A tokenizer saves itself as JSON with a type
/// tag, so <see cref="Load"/> brings back the right kind (vocabularies and merges live beside checkpoints).
/// </summary>
public abstract class Tokenizer
{
    /// <summary>Version of the JSON layout written by <see cref="Save"/>.</summary>
    public const int FormatVersion = 1;

    protected Tokenizer(Vocabulary vocabulary) => Vocabulary = vocabulary;

    /// <summary>The token ↔ id map.</summary>
    public Vocabulary Vocabulary { get; }

    /// <summary>Number of ids, specials included (the embedding table size).</summary>
    public int VocabSize => Vocabulary.Count;

    /// <summary>The type tag written to saved files: "word", "char" or "bpe".</summary>
    public abstract string Kind { get; }

    /// <summary>The ids of <paramref name="text"/>, without BOS/EOS. Unknown pieces become UNK.</summary>
    public abstract int[] Encode(string text);

    /// <summary>The ids of <paramref name="text"/> between BOS and EOS.</summary>
    public int[] EncodeWithBosEos(string text) => [SpecialTokens.Bos, .. Encode(text), SpecialTokens.Eos];

    /// <summary>
    /// The text of <paramref name="ids"/>. With <paramref name="skipSpecial"/> (the default) PAD, BOS,
    /// EOS and MASK are dropped; UNK is always written as "&lt;unk&gt;".
    /// </summary>
    public string Decode(IEnumerable<int> ids, bool skipSpecial = true)
    {
        var kept = new List<int>();
        foreach (int id in ids)
        {
            if (id < 0 || id >= VocabSize) throw new ArgumentOutOfRangeException(nameof(ids), id, $"id outside the vocabulary of {VocabSize}");
            if (skipSpecial && SpecialTokens.IsSpecial(id) && id != SpecialTokens.Unk) continue;
            kept.Add(id);
        }
        return DecodeIds(kept);
    }

    /// <summary>The id of a token string (UNK when absent).</summary>
    public int TokenToId(string token) => Vocabulary.IdOf(token);

    /// <summary>The token string of an id.</summary>
    public string IdToToken(int id) => Vocabulary.TokenOf(id);

    /// <summary>Turns already-filtered ids into text; specials may appear.</summary>
    protected abstract string DecodeIds(IReadOnlyList<int> ids);

    /// <summary>Writes the kind-specific fields (after type, version, specials and tokens).</summary>
    protected virtual void WriteExtraFields(Utf8JsonWriter writer)
    {
    }

    /// <summary>Saves the tokenizer as JSON, atomically (temporary file, then rename over the target).</summary>
    public void Save(string path)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("type", Kind);
            writer.WriteNumber("version", FormatVersion);
            writer.WriteStartArray("specials");
            foreach (string s in SpecialTokens.Names) writer.WriteStringValue(s);
            writer.WriteEndArray();
            writer.WriteStartArray("tokens");
            foreach (string t in Vocabulary.Tokens.Skip(SpecialTokens.Count)) writer.WriteStringValue(t);
            writer.WriteEndArray();
            WriteExtraFields(writer);
            writer.WriteEndObject();
        }
        AtomicFile.WriteAllBytes(path, stream.ToArray());
    }

    /// <summary>Loads a tokenizer saved by <see cref="Save"/>, of whichever kind the file's type tag names.</summary>
    public static Tokenizer Load(string path)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a tokenizer file (invalid JSON: {e.Message})", e);
        }
        using (doc)
        {
            try
            {
                var root = doc.RootElement;
                string type = root.GetProperty("type").GetString() ?? "";
                int version = root.GetProperty("version").GetInt32();
                if (version != FormatVersion) throw new InvalidDataException($"{path}: tokenizer format version {version}, this code reads {FormatVersion}");
                var specials = root.GetProperty("specials").EnumerateArray().Select(e => e.GetString()).ToList();
                if (!specials.SequenceEqual(SpecialTokens.Names))
                    throw new InvalidDataException($"{path}: special tokens [{string.Join(", ", specials)}] differ from [{string.Join(", ", SpecialTokens.Names)}]");
                var vocabulary = new Vocabulary(root.GetProperty("tokens").EnumerateArray().Select(e => e.GetString() ?? ""));
                return type switch
                {
                    WordTokenizer.TypeTag => new WordTokenizer(vocabulary),
                    CharTokenizer.TypeTag => new CharTokenizer(vocabulary),
                    BpeTokenizer.TypeTag => BpeTokenizer.FromSavedFields(vocabulary, root),
                    _ => throw new InvalidDataException($"{path}: unknown tokenizer type '{type}'"),
                };
            }
            catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or ArgumentException or FormatException)
            {
                throw new InvalidDataException($"{path}: malformed tokenizer file: {e.Message}", e);
            }
        }
    }

    /// <summary>Loads a tokenizer and checks it is of kind <typeparamref name="T"/>.</summary>
    public static T Load<T>(string path) where T : Tokenizer =>
        Load(path) as T ?? throw new InvalidDataException($"{path} does not hold a {typeof(T).Name}");
}
