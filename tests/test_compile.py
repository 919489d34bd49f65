"""`compile`: a whole run compiles the model twice, once for training and once for evaluation, before anything is timed.

Inductor takes about a minute for the ResNet's first graph on a 2-core CPU, so here `torch.compile` gets a stand-in compiler
that records each graph it is asked for and runs it as it is. What is tested is what s10fast controls: how many graphs a run
asks for (fixed shapes, the short last validation batch padded, the model summary run eagerly) and that the compilation is
timed apart. Whether compiling makes training faster is the benchmark's question, on a GPU."""
import json

def test_a_compiled_run_compiles_two_graphs_and_times_them_apart(mini, cli, tmp_path, graphs):
    code, out, err = cli('train', '--data', mini, '--epochs', 2, '--width', 0.125, '--limit', 256, '--bs', 32, '--compile', '--out', 'run')
    assert code == 0, err
    # the LR finder, 2 epochs, the figures' predictions and flip TTA: training batches of 32, test batches of 64 (1,017 = 15 × 64 + 57, padded)
    assert graphs == [[(32, 3, 32, 32)], [(64, 3, 32, 32)]], graphs
    res = json.loads((tmp_path/'run/results.json').read_text())
    assert res['compile_seconds'] > 0 and 'compiled in' in out
    assert json.loads((tmp_path/'run/config.json').read_text())['settings']['compile'] is True

def test_without_compile_nothing_compiles(mini, cli, tmp_path, graphs):
    code, out, err = cli('train', '--data', mini, '--epochs', 2, '--width', 0.125, '--limit', 128, '--bs', 32, '--lr', 0.01, '--out', 'run')
    assert code == 0, err
    assert graphs == [] and 'compile_seconds' not in json.loads((tmp_path/'run/results.json').read_text()) and 'compiled in' not in out
