// The demo's steps, in the order the report shows them.
import type { DemoStep } from './demo-runner.js';
import { boltzmannStep } from './steps/boltzmann-step.js';
import { graphsStep } from './steps/graphs-step.js';
import { hardwareStep } from './steps/hardware-step.js';
import { onnxStep } from './steps/onnx-step.js';
import { predictorStep } from './steps/predictor-step.js';
import { searchStep } from './steps/search-step.js';

export const DEMO_STEPS: readonly DemoStep[] = [
  graphsStep,
  predictorStep,
  searchStep,
  hardwareStep,
  boltzmannStep,
  onnxStep,
];
