export { updateAvailability, type UpdateAvailability, type UpdateEnvironment } from './availability';
export {
  createUpdateController,
  type UpdateController,
  type UpdateControllerOptions,
  type UpdaterPort,
  type UpdateTimers,
} from './update-controller';
