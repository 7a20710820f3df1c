namespace TextDiffusion.Control;

/// <summary>
/// Plug-and-play control knobs (Diffusion-LM §5.2): after each reverse step, <see cref="Iterations"/>
/// Adagrad updates of size <see cref="LearningRate"/> on x_{t−1} minimise
/// λ·Σ (x_{t−1} − μ)²/σ − log p(c | x_{t−1}) (<see cref="PlugAndPlay"/>); none in the last <see cref="SkipLastSteps"/> steps.
/// The paper's λ: semantic content 0.01, POS 1e-4, syntax tree 5e-4, syntax spans 0.1, length 0.01.
/// </summary>
public sealed record ControlSettings(double Lambda, int Iterations = 3, double LearningRate = 0.1, int SkipLastSteps = 10);
