namespace TextDiffusion.Seq2Seq;

/// <summary>
/// The autoregressive encoder–decoder baseline (a Transformer; the defaults are fairseq's
/// transformer_iwslt_de_en: 512-d, 6+6 layers, FFN 1024, 4 heads, dropout 0.3, label smoothing 0.1).
/// Source and target share the vocabulary (with <see cref="Text.SpecialTokens"/>) and one embedding table,
/// tied to the output layer.
/// </summary>
public sealed record TranslatorConfig(
    int VocabSize,
    int ModelDim = 512,
    int EncoderLayers = 6,
    int DecoderLayers = 6,
    int Heads = 4,
    int FeedForwardDim = 1024,
    double Dropout = 0.3,
    int MaxSourceLength = 256,
    int MaxTargetLength = 256,
    double LabelSmoothing = 0.1,
    bool NormFirst = false);
