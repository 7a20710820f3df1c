namespace TextDiffusion.Data;

/// <summary>
/// Relative paths of the dataset files, as laid out under a data root (see <see cref="DataPaths"/>
/// and data/README.md). Resolve them with <see cref="DataPaths.Resolve"/>.
/// </summary>
public static class DatasetFiles
{
    public static class E2e
    {
        public const string DiffusionLmValid = "e2e/dlm_src1_valid.txt";
        public const string DiffusionLmTest = "e2e/dlm_src1_test.txt";
        /// <summary>Only present where the originals were downloaded (data/fetch_originals.sh).</summary>
        public const string DiffusionLmTrain = "e2e/dlm_src1_train.txt";
        public const string OfficialDev = "e2e/official_devset.csv";
        public const string OfficialTestMrs = "e2e/official_testset.csv";
        public const string OfficialTestWithRefs = "e2e/official_testset_w_refs.csv";
        public const string CleanedDev = "e2e/cleaned_devel-fixed.no-ol.csv";
    }

    public static class E2eControl
    {
        public const string Attribute = "e2e_control/target_attribute.json";
        public const string Pos = "e2e_control/target_pos.json";
        public const string Spans = "e2e_control/target_spans.json";
        public const string ComposePosAttribute = "e2e_control/target_compose_pos_attr.json";
    }

    public static class RocStories
    {
        public const string Valid = "rocstories/dlm_roc_valid.json";
        public const string AnlgDev = "rocstories/dlm_dev_cleanup.json";
        public const string AnlgTestReferences = "rocstories/dlm_test_cleanup_ref.json";
        /// <summary>Test observations without labels; only present where the originals were downloaded.</summary>
        public const string AnlgTestObservations = "rocstories/dlm_test_cleanup_no_label.json";
        /// <summary>ROCStories train split as Diffusion-LM uses it; only present where the originals were downloaded.</summary>
        public const string Train = "rocstories/dlm_roc_train.json";
    }

    public static class Multi30k
    {
        public const string Folder = "multi30k/";
    }

    public static class Iwslt14
    {
        public const string Folder = "iwslt14/";
    }

    public static class Gigaword
    {
        public const string TestArticles = "gigaword/test_1951_input.txt";
        public const string TestHeadlines = "gigaword/test_1951_task1_ref0.txt";
        public const string Dev10KArticles = "gigaword/dev_valid.article.filter.10K.txt";
        public const string Dev10KHeadlines = "gigaword/dev_valid.title.filter.10K.txt";
        public const string Dev4KArticles = "gigaword/dev_valid.article.filter.4K.txt";
        public const string Dev4KHeadlines = "gigaword/dev_valid.title.filter.4K.txt";
        public const string DevSmallArticles = "gigaword/dev_valid.src.small.txt";
        public const string DevSmallHeadlines = "gigaword/dev_valid.trg.small.txt";
    }

    public static class Lm
    {
        public const string WikiText2Valid = "lm/wikitext2_valid.txt";
        public const string WikiText2Test = "lm/wikitext2_test.txt";
        public const string PtbValid = "lm/ptb.valid.txt";
        public const string PtbTest = "lm/ptb.test.txt";
        public const string PtbCharValid = "lm/ptb.char.valid.txt";
        public const string PtbCharTest = "lm/ptb.char.test.txt";
        public const string Lm1bDev = "lm/lm1b_1b_benchmark.dev.tokens";
        public const string Lm1bTest = "lm/lm1b_1b_benchmark.test.tokens";
        public const string TinyShakespeare = "lm/tinyshakespeare_input.txt";
        /// <summary>Only present where the originals were downloaded.</summary>
        public const string Text8 = "lm/text8";
    }
}
