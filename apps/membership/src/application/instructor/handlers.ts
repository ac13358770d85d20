import { GetInstructorGuidanceHandler, GetInstructorHandler } from './get-instructor.query';
import { ListGuidanceVisitsHandler } from './list-guidance-visits.query';
import { ListInstructorsHandler } from './list-instructors.query';
import { RecordGuidanceVisitHandler } from './record-guidance-visit.command';
import { RegisterInstructorHandler } from './register-instructor.command';

/** 党建指导员 instructors and their 指导记录: the handlers of every use case. */
export const INSTRUCTOR_HANDLERS = [
  RegisterInstructorHandler,
  RecordGuidanceVisitHandler,
  GetInstructorHandler,
  GetInstructorGuidanceHandler,
  ListInstructorsHandler,
  ListGuidanceVisitsHandler,
];
