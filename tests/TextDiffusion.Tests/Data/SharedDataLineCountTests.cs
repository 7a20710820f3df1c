using TextDiffusion.Data;

namespace TextDiffusion.Tests.Data;

/// <summary>
/// The real files in ../shared/data have the known line counts (as <c>wc -l</c> reports them; a last
/// line without a newline counts too). Skipped when the shared folder is absent.
/// </summary>
public class SharedDataLineCountTests
{
    public static TheoryData<string, int> KnownLineCounts => new()
    {
        { "e2e/dlm_src1_valid.txt", 4_672 },
        { "e2e/dlm_src1_test.txt", 4_693 },
        { "e2e/official_devset.csv", 4_673 },           // header + 4,672 rows
        { "e2e/official_testset_w_refs.csv", 4_694 },   // header + 4,693 rows
        { "e2e/official_testset.csv", 631 },            // header + 630 MRs
        { "e2e/cleaned_devel-fixed.no-ol.csv", 4_300 }, // header + 4,299 rows
        { "e2e_control/target_attribute.json", 79 },
        { "e2e_control/target_pos.json", 200 },
        { "e2e_control/target_spans.json", 200 },
        { "e2e_control/target_compose_pos_attr.json", 200 },
        { "rocstories/dlm_roc_valid.json", 5_000 },
        { "rocstories/dlm_dev_cleanup.json", 17_934 },  // pretty-printed JSON, no final newline
        { "rocstories/dlm_test_cleanup_ref.json", 1 },  // one line of JSON
        { "multi30k/train.de", 29_000 },
        { "multi30k/train.en", 29_000 },
        { "multi30k/train.lc.norm.tok.de", 29_000 },
        { "multi30k/train.lc.norm.tok.en", 29_000 },
        { "multi30k/val.de", 1_014 },
        { "multi30k/val.en", 1_014 },
        { "multi30k/val.lc.norm.tok.de", 1_014 },
        { "multi30k/val.lc.norm.tok.en", 1_014 },
        { "multi30k/test_2016_flickr.de", 1_000 },
        { "multi30k/test_2016_flickr.en", 1_000 },
        { "multi30k/test_2016_flickr.lc.norm.tok.de", 1_000 },
        { "multi30k/test_2016_flickr.lc.norm.tok.en", 1_000 },
        { "iwslt14/tok_valid.de", 7_283 },
        { "iwslt14/tok_valid.en", 7_283 },
        { "iwslt14/bpe_valid.de", 7_283 },
        { "iwslt14/bpe_valid.en", 7_283 },
        { "iwslt14/tok_test.de", 6_750 },
        { "iwslt14/tok_test.en", 6_750 },
        { "iwslt14/bpe_test.de", 6_750 },
        { "iwslt14/bpe_test.en", 6_750 },
        { "gigaword/test_1951_input.txt", 1_951 },
        { "gigaword/test_1951_task1_ref0.txt", 1_951 },
        { "gigaword/dev_valid.article.filter.10K.txt", 10_000 },
        { "gigaword/dev_valid.title.filter.10K.txt", 10_000 },
        { "gigaword/dev_valid.article.filter.4K.txt", 4_000 },
        { "gigaword/dev_valid.title.filter.4K.txt", 4_000 },
        { "gigaword/dev_valid.src.small.txt", 15_592 },
        { "gigaword/dev_valid.trg.small.txt", 15_592 },
        { "lm/wikitext2_valid.txt", 3_760 },
        { "lm/wikitext2_test.txt", 4_358 },
        { "lm/ptb.valid.txt", 3_370 },
        { "lm/ptb.test.txt", 3_761 },
        { "lm/ptb.char.valid.txt", 3_371 },             // 3,370 + a last line holding one space
        { "lm/ptb.char.test.txt", 3_762 },
        { "lm/lm1b_1b_benchmark.dev.tokens", 12_216 },
        { "lm/lm1b_1b_benchmark.test.tokens", 12_105 },
        { "lm/tinyshakespeare_input.txt", 40_000 },
    };

    [SharedDataTheory]
    [MemberData(nameof(KnownLineCounts))]
    public void File_has_its_known_line_count(string relativePath, int lines)
    {
        Assert.Equal(lines, LineReader.Count(DataPaths.Resolve(relativePath)));
    }

    [SharedDataFact]
    public void Tiny_shakespeare_has_its_known_size()
    {
        Assert.Equal(1_115_394, LmCorpora.ReadText(DataPaths.Resolve(DatasetFiles.Lm.TinyShakespeare)).Length);
    }
}
